//! The general tokenizer: `quick-xml` events turned into [`Token`]s, with the
//! well-formedness checks `quick-xml` leaves to its callers.

use std::borrow::Cow;

use quick_xml::events::attributes::Attributes;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::rules::{self, Namespaces, PiError, Reference, is_xml_name};
use super::{DecodeOptions, Fail, SyntaxError, Token, Tokens, XmlError, first_illegal_char};

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
    namespaces: Namespaces<'a>,
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
            namespaces: Namespaces::new(),
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
                    source: SyntaxError::new(format!("invalid attribute name `{}`", rules::shown(key))),
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
        // name and the attributes from the document itself, where the tag starts (`<` at
        // `offset`).
        let qname = e.name().into_inner();
        let at = offset - self.base + 1;
        let full: &'a str = self.text.get(at..at + qname.len()).unwrap_or_default();
        debug_assert_eq!(full, qname);
        if full.is_empty() || !is_xml_name(full) {
            return Err(XmlError::Syntax {
                offset,
                source: SyntaxError::new(format!("invalid element name `{}`", rules::shown(qname))),
            });
        }
        let raw = e.attributes_raw();
        let from = at + qname.len();
        let raw: &'a str = self.text.get(from..from + raw.len()).unwrap_or_default();
        let mut attributes = Vec::new();
        for attr in Attributes::new(raw, 0) {
            // Checked above: every attribute parses.
            let Ok(attr) = attr else { continue };
            let value = match attr.value {
                Cow::Borrowed(v) => v,
                Cow::Owned(_) => "",
            };
            attributes.push((attr.key.into_inner(), value));
        }
        if let Err(message) = self
            .namespaces
            .start_tag(self.depth + 1, full, attributes.iter().copied())
        {
            return Err(XmlError::Syntax {
                offset,
                source: SyntaxError::new(message),
            });
        }
        let name = full.split_once(':').map_or(full, |(_, local)| local);
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
            self.namespaces.end(self.depth);
            self.depth -= 1;
            return Ok(Token::End);
        }
        let mut run: Option<Cow<'a, str>> = None;
        loop {
            let (ev, offset) = self.read()?;
            let first = !self.seen_any && offset == self.base;
            self.seen_any = true;
            let pi = match &ev {
                Event::Decl(d) => Some(rules::check_pi(d, first)),
                Event::PI(p) => Some(rules::check_pi(p, first)),
                _ => None,
            };
            match pi {
                Some(Err(PiError::Misplaced)) => return Err(XmlError::MisplacedDeclaration { offset }),
                Some(Err(PiError::Syntax(at, message))) => {
                    return Err(XmlError::Syntax {
                        offset: offset + at,
                        source: SyntaxError::new(message),
                    });
                }
                _ => {}
            }
            match ev {
                Event::Start(_) | Event::Empty(_) | Event::End(_) | Event::Eof if run.is_some() => {
                    self.pending = Some((ev, offset));
                    return Ok(Token::Text(run.unwrap_or_default()));
                }
                Event::Start(e) => return self.start(&e, offset, false),
                Event::Empty(e) => return self.start(&e, offset, true),
                Event::End(_) => {
                    self.namespaces.end(self.depth);
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
    match rules::resolve(name) {
        Reference::Char(c) => Ok(c),
        Reference::Undefined => Err(XmlError::UndefinedEntity {
            offset,
            name: name.to_owned(),
        }),
        Reference::Illegal(Some(ch)) => Err(XmlError::IllegalChar { offset, ch }),
        Reference::Illegal(None) => Err(XmlError::Syntax {
            offset,
            source: SyntaxError::new(format!("invalid character reference `&{};`", rules::shown(name))),
        }),
    }
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
