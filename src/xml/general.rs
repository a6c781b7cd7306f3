//! The general tokenizer: `quick-xml` events turned into [`Token`]s, with the
//! well-formedness checks `quick-xml` leaves to its callers.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::{DecodeOptions, Fail, SyntaxError, Token, Tokens, XmlError, first_illegal_char, is_xml_char};

/// The UTF-8 byte order mark, skipped at the start of a document.
pub(crate) const BOM: &str = "\u{FEFF}";

pub(crate) struct Tokenizer<'a> {
    reader: Reader<&'a [u8]>,
    /// The document after any BOM.
    text: &'a str,
    /// Offset of the reader's input in the caller's bytes (3 after a BOM).
    base: usize,
    depth: usize,
    max_depth: usize,
    /// Has the root element started?
    seen_root: bool,
    /// Has anything but an XML declaration been read?
    seen_any: bool,
    /// An event read while collecting text, to hand out next.
    pending: Option<(Event<'a>, usize)>,
    /// The `End` of an empty element `<a/>`, to hand out next.
    pending_end: bool,
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(input: &'a [u8], options: &DecodeOptions) -> Result<Self, XmlError> {
        let text = std::str::from_utf8(input).map_err(|e| XmlError::NotUtf8 {
            offset: e.valid_up_to(),
        })?;
        if let Some((offset, ch)) = first_illegal_char(text) {
            return Err(XmlError::IllegalChar { offset, ch });
        }
        let (text, base) = match text.strip_prefix(BOM) {
            Some(rest) => (rest, BOM.len()),
            None => (text, 0),
        };
        // A second U+FEFF is a character before the root, not a signature; `quick-xml`
        // would skip it as a BOM and then report offsets 3 bytes short.
        if text.starts_with(BOM) {
            return Err(XmlError::TextOutsideRoot { offset: base });
        }
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Ok(Tokenizer {
            reader,
            text,
            base,
            depth: 0,
            max_depth: options.max_depth,
            seen_root: false,
            seen_any: false,
            pending: None,
            pending_end: false,
        })
    }

    fn offset(&self) -> usize {
        self.base + self.reader.buffer_position() as usize
    }

    fn read(&mut self) -> Result<(Event<'a>, usize), XmlError> {
        if let Some(p) = self.pending.take() {
            return Ok(p);
        }
        let offset = self.offset();
        match self.reader.read_event() {
            Ok(ev) => Ok((ev, offset)),
            Err(e) => Err(XmlError::Syntax {
                offset: self.base + self.reader.error_position() as usize,
                source: SyntaxError::new(e),
            }),
        }
    }

    fn start(&mut self, e: &BytesStart<'a>, offset: usize, empty: bool) -> Result<Token<'a>, XmlError> {
        if self.depth == 0 && self.seen_root {
            return Err(XmlError::SecondRoot {
                offset,
                name: e.name().into_inner().to_owned(),
            });
        }
        self.seen_root = true;
        if self.depth >= self.max_depth {
            return Err(XmlError::TooDeep {
                limit: self.max_depth,
                offset,
            });
        }
        if let Some(problem) = attributes_problem(e.attributes_raw()) {
            return Err(XmlError::Syntax {
                offset,
                source: SyntaxError::new(problem),
            });
        }
        for attr in e.attributes() {
            let attr = attr.map_err(|err| XmlError::Syntax {
                offset,
                source: SyntaxError::new(err),
            })?;
            let key = attr.key.into_inner();
            if !is_xml_name(key) {
                return Err(XmlError::Syntax {
                    offset,
                    source: SyntaxError::new(format!("invalid attribute name `{key}`")),
                });
            }
            // Well-formedness constraint "No < in Attribute Values", which quick-xml leaves to us.
            if attr.value.contains('<') {
                return Err(XmlError::Syntax {
                    offset,
                    source: SyntaxError::new("`<` in an attribute value"),
                });
            }
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| XmlError::Syntax {
                    offset,
                    source: SyntaxError::new(err),
                })?;
            // A character reference such as `&#1;` to a character XML does not allow.
            if let Some((_, ch)) = first_illegal_char(&value) {
                return Err(XmlError::IllegalChar { offset, ch });
            }
        }
        // The event borrows from a copy-free reader, but only for `&self`: take the
        // name from the document itself, where the tag starts (`<` at `offset`).
        let qname = e.name().into_inner();
        let at = offset - self.base + 1;
        let full: &'a str = self.text.get(at..at + qname.len()).unwrap_or_default();
        debug_assert_eq!(full, qname);
        let name = full.split_once(':').map_or(full, |(_, local)| local);
        if name.is_empty() || full.starts_with(':') || !is_xml_name(full) {
            return Err(XmlError::Syntax {
                offset,
                source: SyntaxError::new(format!("invalid element name `{full}`")),
            });
        }
        if empty {
            self.pending_end = true;
        }
        self.depth += 1;
        Ok(Token::Start { name, offset })
    }

    /// Appends a text piece to the run being collected.
    fn push_text(run: &mut Option<Cow<'a, str>>, piece: Cow<'a, str>) {
        match run {
            None => *run = Some(piece),
            Some(r) => r.to_mut().push_str(&piece),
        }
    }

    fn next(&mut self) -> Result<Token<'a>, XmlError> {
        if self.pending_end {
            self.pending_end = false;
            self.depth -= 1;
            return Ok(Token::End);
        }
        let mut run: Option<Cow<'a, str>> = None;
        loop {
            let (ev, offset) = self.read()?;
            let is_decl = matches!(ev, Event::Decl(_));
            if is_decl && (self.seen_any || offset != self.base) {
                return Err(XmlError::MisplacedDeclaration { offset });
            }
            self.seen_any = true;
            match ev {
                Event::Start(_) | Event::Empty(_) | Event::End(_) | Event::Eof if run.is_some() => {
                    self.pending = Some((ev, offset));
                    return Ok(Token::Text(run.unwrap_or_default()));
                }
                Event::Start(e) => return self.start(&e, offset, false),
                Event::Empty(e) => return self.start(&e, offset, true),
                Event::End(_) => {
                    self.depth -= 1;
                    return Ok(Token::End);
                }
                Event::Eof => {
                    // Before any root, `Eof` tells the cursor the document is empty.
                    return match self.depth {
                        0 => Ok(Token::Eof),
                        open => Err(XmlError::Truncated { open }),
                    };
                }
                Event::Text(t) => {
                    let raw = t.into_inner();
                    if self.depth == 0 {
                        if !raw.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
                            return Err(XmlError::TextOutsideRoot { offset });
                        }
                        continue;
                    }
                    if let Some(at) = memchr::memmem::find(raw.as_bytes(), b"]]>") {
                        return Err(XmlError::Syntax {
                            offset: offset + at,
                            source: SyntaxError::new("`]]>` is not allowed in text"),
                        });
                    }
                    Self::push_text(&mut run, normalize_eols(raw));
                }
                Event::CData(c) => {
                    if self.depth == 0 {
                        return Err(XmlError::TextOutsideRoot { offset });
                    }
                    Self::push_text(&mut run, normalize_eols(c.into_inner()));
                }
                Event::GeneralRef(r) => {
                    if self.depth == 0 {
                        return Err(XmlError::TextOutsideRoot { offset });
                    }
                    let ch = resolve_reference(&r.into_inner(), offset)?;
                    let mut buf = [0u8; 4];
                    Self::push_text(&mut run, Cow::Owned(ch.encode_utf8(&mut buf).to_owned()));
                }
                Event::DocType(_) => return Err(XmlError::Doctype { offset }),
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) => {}
            }
        }
    }
}

/// Is `s` an XML 1.0 `Name` (§2.3): a `NameStartChar` then `NameChar`s?
fn is_xml_name(s: &str) -> bool {
    let start = |c: char| {
        matches!(c, ':' | '_' | 'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
            | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
            | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
            | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
    };
    let rest = |c: char| {
        start(c) || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
    };
    let mut chars = s.chars();
    chars.next().is_some_and(start) && chars.all(rest)
}

/// What `quick-xml` lets through in the attributes of a start tag (after its name):
/// an attribute directly after the closing quote of the previous one (`a="1"b="2"`).
fn attributes_problem(raw: &str) -> Option<&'static str> {
    let mut quote = None;
    let mut after_value = false;
    for b in raw.bytes() {
        match quote {
            Some(q) if b == q => {
                quote = None;
                after_value = true;
            }
            Some(_) => {}
            None => {
                if after_value && !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/') {
                    return Some("no whitespace between attributes");
                }
                after_value = false;
                if b == b'"' || b == b'\'' {
                    quote = Some(b);
                }
            }
        }
    }
    None
}

/// Resolves `&name;` (without `&` and `;`) to its character.
pub(crate) fn resolve_reference(name: &str, offset: usize) -> Result<char, XmlError> {
    let ch = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => match name.strip_prefix('#') {
            Some(num) => {
                let code = match num.strip_prefix('x') {
                    Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                        u32::from_str_radix(hex, 16).ok()
                    }
                    None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => num.parse::<u32>().ok(),
                    _ => None,
                };
                let ch = code.and_then(char::from_u32).ok_or_else(|| XmlError::Syntax {
                    offset,
                    source: SyntaxError::new(format!("invalid character reference `&{name};`")),
                })?;
                if !is_xml_char(ch) {
                    return Err(XmlError::IllegalChar { offset, ch });
                }
                ch
            }
            None => {
                return Err(XmlError::UndefinedEntity {
                    offset,
                    name: name.to_owned(),
                });
            }
        },
    };
    Ok(ch)
}

/// XML 1.0 end-of-line handling: `\r\n` and a lone `\r` become `\n`.
pub(crate) fn normalize_eols(s: Cow<'_, str>) -> Cow<'_, str> {
    if !s.as_bytes().contains(&b'\r') {
        return s;
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

impl<'a> Tokens<'a> for Tokenizer<'a> {
    fn next_token(&mut self) -> Result<Token<'a>, Fail> {
        self.next().map_err(Fail::Xml)
    }
}
