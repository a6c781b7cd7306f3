//! Well-formedness rules that `quick-xml` leaves to its callers, shared by both paths:
//! names (XML 1.0 §2.3, Namespaces in XML §3), the XML declaration (§2.8), processing
//! instructions (§2.6), references (§4.1) and the namespace constraints (Namespaces in
//! XML §3, §6.3). They are pure functions of the bytes; each path calls them where its
//! own parse meets the construct, so both refuse the same documents.
//!
//! Messages quote input through [`shown`]: control characters escaped, at most
//! 64 characters.

use std::borrow::Cow;

use super::is_xml_char;
use crate::bytes::{self, same};

/// The namespace the prefix `xml` is bound to, and only it.
pub(crate) const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of `xmlns` attributes, which nothing may bind.
pub(crate) const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";

/// `s` for an error message: control characters escaped, cut short with `…` (the crate's
/// one rule for showing input, [`crate::text::Escaped`]).
pub(crate) fn shown(s: &str) -> String {
    crate::text::Escaped(s).to_string()
}

/// XML 1.0 §2.3 `NameStartChar`, without `:` (Namespaces in XML: `NCName`).
#[inline]
pub(crate) fn is_name_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    matches!(c, '_' | 'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

/// XML 1.0 §2.3 `NameChar`, without `:`.
#[inline]
pub(crate) fn is_name_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    }
    is_name_start(c) || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Is `s` an XML 1.0 `Name` (colons allowed anywhere)?
pub(crate) fn is_xml_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == ':' || is_name_start(c)) && chars.all(|c| c == ':' || is_name_char(c))
}

/// Is `s` an `NCName` (a name without colons)?
pub(crate) fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_name_start) && chars.all(is_name_char)
}

/// A qualified name split into prefix and local part, or why it is not one.
/// `what` is "element" or "attribute", for the message.
pub(crate) fn split_qname<'n>(name: &'n str, what: &str) -> Result<(Option<&'n str>, &'n str), String> {
    if !is_xml_name(name) {
        return Err(format!("invalid {what} name `{}`", shown(name)));
    }
    match name.split_once(':') {
        None => Ok((None, name)),
        Some((prefix, local)) if is_ncname(prefix) && is_ncname(local) => Ok((Some(prefix), local)),
        Some(_) => Err(format!("{what} name `{}` is not a qualified name", shown(name))),
    }
}

/// [`split_qname`] for a name already known to be an XML `Name`: only the colons are
/// left to check (each part non-empty, the local part without a colon and starting with
/// a `NameStartChar`).
pub(crate) fn split_name<'n>(name: &'n str, what: &str) -> Result<(Option<&'n str>, &'n str), String> {
    // Names are short: a plain loop beats `memchr`'s call and setup.
    let Some(colon) = name.bytes().position(|c| c == b':') else {
        return Ok((None, name));
    };
    let (prefix, local) = (&name[..colon], &name[colon + 1..]);
    let starts_a_name = |s: &str| s.chars().next().is_some_and(is_name_start);
    if starts_a_name(prefix) && starts_a_name(local) && !local.contains(':') {
        Ok((Some(prefix), local))
    } else {
        Err(format!("{what} name `{}` is not a qualified name", shown(name)))
    }
}

/// A character or entity reference, the text between `&` and `;`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reference {
    Char(char),
    /// A name that is not one of the five XML predefines.
    Undefined,
    /// `&#…;` that is no character XML allows (`Err(Some(c))`: a character it forbids).
    Illegal(Option<char>),
}

/// Resolves the name of a reference (without `&` and `;`).
pub(crate) fn resolve(name: &str) -> Reference {
    match name {
        "lt" => Reference::Char('<'),
        "gt" => Reference::Char('>'),
        "amp" => Reference::Char('&'),
        "apos" => Reference::Char('\''),
        "quot" => Reference::Char('"'),
        _ => match name.strip_prefix('#') {
            Some(num) => match char_reference(num.as_bytes()) {
                (reference, n) if n == num.len() => reference,
                _ => Reference::Illegal(None),
            },
            None => Reference::Undefined,
        },
    }
}

/// A character reference after its `&#`: `x` and hexadecimal digits, or decimal
/// digits, read up to the first byte that is not one; returns the reference and the
/// number of bytes read. No digit, or a number above U+10FFFF, is
/// `Reference::Illegal(None)` (with the bytes read so far).
pub(crate) fn char_reference(after_hash: &[u8]) -> (Reference, usize) {
    let (radix, start) = match after_hash.first() {
        Some(b'x') => (16, 1),
        _ => (10, 0),
    };
    let mut code: u32 = 0;
    let mut n = start;
    while let Some(d) = after_hash.get(n).and_then(|&b| char::from(b).to_digit(radix)) {
        code = code * radix + d;
        if code > 0x10FFFF {
            return (Reference::Illegal(None), n);
        }
        n += 1;
    }
    if n == start {
        return (Reference::Illegal(None), n);
    }
    let reference = match char::from_u32(code) {
        Some(c) if is_xml_char(c) => Reference::Char(c),
        Some(c) => Reference::Illegal(Some(c)),
        None => Reference::Illegal(None),
    };
    (reference, n)
}

/// A processing instruction or declaration that breaks a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PiError {
    /// `<?xml …?>` anywhere but at the very start.
    Misplaced,
    /// The byte offset (from the `<?`) and the message.
    Syntax(usize, String),
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Checks a processing instruction, `content` being what lies between `<?` and `?>`;
/// `first` is true when it opens the document (where `<?xml` is the declaration).
pub(crate) fn check_pi(content: &str, first: bool) -> Result<(), PiError> {
    if first && COMMON_DECLARATIONS.contains(&content) {
        return Ok(());
    }
    let b = content.as_bytes();
    let end = b.iter().position(|&c| is_space(c)).unwrap_or(b.len());
    let target = &content[..end];
    if target == "xml" {
        return if first {
            check_declaration(content)
        } else {
            Err(PiError::Misplaced)
        };
    }
    let err = |at: usize, m: String| Err(PiError::Syntax(at + 2, m));
    if target.is_empty() {
        return err(0, "expected a processing instruction target after `<?`".to_owned());
    }
    if !is_xml_name(target) {
        // `<?p??>`: the target ends at a character that is neither a name's nor a space.
        let valid = target
            .char_indices()
            .find(|&(i, c)| !(c == ':' || is_name_start(c) || (i > 0 && is_name_char(c))));
        return match valid {
            Some((0, _)) | None => err(0, format!("invalid processing instruction target `{}`", shown(target))),
            Some((i, _)) => err(
                i,
                format!(
                    "expected whitespace or `?>` after the processing instruction target `{}`",
                    shown(&target[..i])
                ),
            ),
        };
    }
    if target.eq_ignore_ascii_case("xml") {
        return err(0, format!("processing instruction target `{target}` is reserved"));
    }
    if target.contains(':') {
        return err(
            0,
            format!("processing instruction target `{}` contains a colon", shown(target)),
        );
    }
    Ok(())
}

/// The declarations servers write (Python's `xml.dom`/`ElementTree`, Java, .NET, moto's
/// templates), between `<?` and `?>`: each is a valid `XMLDecl`, so a document that opens
/// with one needs no parse of it. Any other is checked by [`check_declaration`].
pub(crate) const COMMON_DECLARATIONS: [&str; 6] = [
    "xml version=\"1.0\" encoding=\"UTF-8\"",
    "xml version=\"1.0\" encoding=\"utf-8\"",
    "xml version=\"1.0\"",
    "xml version='1.0' encoding='UTF-8'",
    "xml version='1.0' encoding='utf-8'",
    "xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"",
];

/// XML 1.0 §2.8 `XMLDecl` (`content` starts with `xml`): `version` first, then
/// optionally `encoding`, then optionally `standalone`, each after whitespace.
fn check_declaration(content: &str) -> Result<(), PiError> {
    const NAMES: [&str; 3] = ["version", "encoding", "standalone"];
    let b = content.as_bytes();
    let err = |at: usize, m: String| Err(PiError::Syntax(at + 2, m));
    let mut i = 3;
    let mut next = 0; // index in NAMES of the first pseudo-attribute still allowed
    loop {
        let start = i;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if i == b.len() {
            break;
        }
        let name_start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'_' | b'-' | b'.' | b':')) {
            i += 1;
        }
        let name = &content[name_start..i];
        if name.is_empty() {
            return err(
                i,
                format!("unexpected `{}` in the XML declaration", shown(&content[i..])),
            );
        }
        if start == name_start {
            return err(
                name_start,
                format!("expected whitespace before `{}` in the XML declaration", shown(name)),
            );
        }
        let Some(k) = NAMES.iter().position(|n| *n == name) else {
            return if next == 0 {
                err(
                    name_start,
                    format!("expected `version` in the XML declaration, found `{}`", shown(name)),
                )
            } else {
                err(
                    name_start,
                    format!("unexpected `{}` in the XML declaration", shown(name)),
                )
            };
        };
        if k < next || (next == 0 && k != 0) {
            return if next == 0 {
                err(
                    name_start,
                    format!("expected `version` in the XML declaration, found `{name}`"),
                )
            } else if k + 1 == next {
                err(name_start, format!("duplicate `{name}` in the XML declaration"))
            } else {
                err(name_start, format!("`{name}` out of order in the XML declaration"))
            };
        }
        next = k + 1;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            return err(i, format!("expected `=` after `{name}` in the XML declaration"));
        }
        i += 1;
        while i < b.len() && is_space(b[i]) {
            i += 1;
        }
        let quote = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => q,
            _ => {
                return err(
                    i,
                    format!("expected a quoted value for `{name}` in the XML declaration"),
                );
            }
        };
        let Some(len) = b[i + 1..].iter().position(|&c| c == quote) else {
            return err(i, format!("unterminated value for `{name}` in the XML declaration"));
        };
        let value = &content[i + 1..i + 1 + len];
        let ok = match k {
            0 => value
                .strip_prefix("1.")
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|c| c.is_ascii_digit())),
            1 => {
                let mut chars = value.bytes();
                chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                    && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
            }
            _ => value == "yes" || value == "no",
        };
        if !ok {
            let expected = [
                "`1.` and digits",
                "a letter, then letters, digits, `.`, `_` or `-`",
                "`yes` or `no`",
            ][k];
            return err(
                i + 1,
                format!(
                    "invalid `{name}` in the XML declaration: expected {expected}, found `{}`",
                    shown(value)
                ),
            );
        }
        i += len + 2;
    }
    if next == 0 {
        return err(3, "expected `version` in the XML declaration".to_owned());
    }
    Ok(())
}

/// Does [`normalize_attribute`] change `raw` (does it hold `&`, a tab, LF or CR)?
///
/// Eight bytes at a time and without branches: whether any byte is `&` or below `0x20`
/// (exact as a yes/no: [`bytes::first_of`] and [`bytes::below`]); only then the bytes
/// one by one, for the exact answer. Namespace names, the usual attribute values, are
/// 30 to 50 bytes, where a byte loop's exit branch costs more than the words.
#[inline]
pub(crate) fn needs_normalizing(raw: &str) -> bool {
    let b = raw.as_bytes();
    let (words, rest) = b.as_chunks::<8>();
    let mut found = 0;
    for word in words {
        let x = u64::from_le_bytes(*word);
        found |= bytes::below(x, 0x20) | bytes::first_of(x, b'&');
    }
    if found == 0 && !rest.iter().any(|&c| c < 0x20 || c == b'&') {
        return false;
    }
    b.iter().any(|&c| matches!(c, b'&' | b'\t' | b'\n' | b'\r'))
}

/// Attribute-value normalisation (XML 1.0 §3.3.3) of a value already checked: references
/// resolved, each tab, line feed, carriage return or CR LF pair read as one space.
pub(crate) fn normalize_attribute(raw: &str) -> Cow<'_, str> {
    if !needs_normalizing(raw) {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        match c {
            '&' => {
                let semi = rest.find(';').unwrap_or(rest.len());
                if let Reference::Char(c) = resolve(&rest[1..semi]) {
                    out.push(c);
                }
                rest = rest.get(semi + 1..).unwrap_or_default();
                continue;
            }
            '\r' if rest.as_bytes().get(1) == Some(&b'\n') => {
                out.push(' ');
                rest = &rest[2..];
                continue;
            }
            '\t' | '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The prefixes in scope: `(prefix, raw namespace value, depth of the declaring element)`.
/// Four live inline, so that a document with a few prefixes needs no allocation.
pub(crate) struct Namespaces<'a> {
    inline: [(&'a str, &'a str, usize); 4],
    len: usize,
    more: Vec<(&'a str, &'a str, usize)>,
    /// The depth of the innermost declaration in scope (0: none), so that the end of a
    /// deeper element, which ends none, is one comparison.
    deepest: usize,
}

impl<'a> Namespaces<'a> {
    pub(crate) fn new() -> Self {
        Namespaces {
            inline: [("", "", 0); 4],
            len: 0,
            more: Vec::new(),
            deepest: 0,
        }
    }

    /// The raw value bound to `prefix`, innermost first.
    #[inline(always)]
    fn lookup(&self, prefix: &[u8]) -> Option<&'a str> {
        if !self.more.is_empty()
            && let Some(&(_, uri, _)) = self.more.iter().rev().find(|b| b.0.as_bytes() == prefix)
        {
            return Some(uri);
        }
        self.inline[..self.len]
            .iter()
            .rev()
            .find(|b| same(b.0.as_bytes(), prefix))
            .map(|b| b.1)
    }

    /// Binds `prefix` (an `NCName` other than `xml` and `xmlns`) to `value` (a non-empty
    /// raw value, not a reserved namespace) for the element at `depth`.
    #[inline]
    pub(crate) fn declare(&mut self, prefix: &'a str, value: &'a str, depth: usize) {
        self.push((prefix, value, depth));
    }

    fn push(&mut self, binding: (&'a str, &'a str, usize)) {
        self.deepest = binding.2;
        if self.len < self.inline.len() {
            self.inline[self.len] = binding;
            self.len += 1;
        } else {
            self.more.push(binding);
        }
    }

    /// The element at `depth` (the root is 1) ended: its declarations go out of scope.
    #[inline]
    pub(crate) fn end(&mut self, depth: usize) {
        if depth > self.deepest {
            return;
        }
        while self.more.last().is_some_and(|b| b.2 >= depth) {
            self.more.pop();
        }
        while self.len > 0 && self.inline[self.len - 1].2 >= depth {
            self.len -= 1;
        }
        self.deepest = match self.more.last() {
            Some(b) => b.2,
            None => self.len.checked_sub(1).map_or(0, |n| self.inline[n].2),
        };
    }

    /// Is `prefix` bound as an element's or attribute's prefix? (`xml` always is,
    /// `xmlns` never: no declaration of it is ever recorded, so the lookup answers for it.)
    #[inline(always)]
    pub(crate) fn bound(&self, prefix: &str) -> bool {
        self.bound_bytes(prefix.as_bytes())
    }

    /// Is any prefix declared in scope? (The heap holds declarations only once the
    /// inline slots are full.)
    #[inline(always)]
    pub(crate) fn declared(&self) -> bool {
        self.len != 0
    }

    /// The declarations in scope, outermost first, when they are all inline (the usual
    /// case; none otherwise).
    #[inline(always)]
    pub(crate) fn inline_in_scope(&self) -> &[(&'a str, &'a str, usize)] {
        if !self.more.is_empty() {
            return &[];
        }
        &self.inline[..self.len]
    }

    /// [`Namespaces::bound`] for a prefix given as bytes.
    #[inline(always)]
    pub(crate) fn bound_bytes(&self, prefix: &[u8]) -> bool {
        self.lookup(prefix).is_some() || prefix == b"xml"
    }

    /// The namespace of a bound prefix, normalised, for comparisons.
    fn namespace(&self, prefix: &str) -> Cow<'a, str> {
        if prefix == "xml" {
            return Cow::Borrowed(XML_NS);
        }
        normalize_attribute(self.lookup(prefix.as_bytes()).unwrap_or_default())
    }

    /// Checks the namespace rules of a start tag at `depth` with the given attributes
    /// (raw values, already checked for references) and records its declarations.
    pub(crate) fn start_tag<I>(&mut self, depth: usize, name: &'a str, attributes: I) -> Result<(), String>
    where
        I: Iterator<Item = (&'a str, &'a str)> + Clone,
    {
        // Declarations first: they apply to the tag's own name and attributes.
        let mut count = 0;
        let mut prefixed = 0;
        for (key, value) in attributes.clone() {
            count += 1;
            if key == "xmlns" {
                let uri = normalize_attribute(value);
                if uri == XML_NS || uri == XMLNS_NS {
                    return Err(format!("the default namespace cannot be `{}`", shown(&uri)));
                }
            } else if let Some(prefix) = key.strip_prefix("xmlns:") {
                let uri = normalize_attribute(value);
                if !is_ncname(prefix) {
                    return Err(format!("attribute name `{}` is not a qualified name", shown(key)));
                }
                if prefix == "xmlns" {
                    return Err("the prefix `xmlns` cannot be declared".to_owned());
                }
                if prefix == "xml" {
                    if uri != XML_NS {
                        return Err(format!("the prefix `xml` cannot be bound to `{}`", shown(&uri)));
                    }
                    continue;
                }
                if uri.is_empty() {
                    return Err(format!(
                        "the prefix `{}` cannot be bound to an empty namespace",
                        shown(prefix)
                    ));
                }
                if uri == XML_NS || uri == XMLNS_NS {
                    return Err(format!(
                        "the prefix `{}` cannot be bound to `{}`",
                        shown(prefix),
                        shown(&uri)
                    ));
                }
                self.push((prefix, value, depth));
            } else if key.contains(':') {
                prefixed += 1;
            }
        }
        // The element's name (a `Name`, which each path has checked).
        if let (Some(prefix), _) = split_name(name, "element")? {
            if prefix == "xmlns" {
                return Err(format!("element name `{}` has the prefix `xmlns`", shown(name)));
            }
            if !self.bound(prefix) {
                return Err(format!(
                    "unbound prefix `{}` in element name `{}`",
                    shown(prefix),
                    shown(name)
                ));
            }
        }
        if count < 2 && prefixed == 0 {
            return Ok(());
        }
        if count > SMALL {
            return self.check_many(attributes);
        }
        // Attribute names, and no two with the same name or expanded name.
        for (n, (key, _)) in attributes.clone().enumerate() {
            if attributes.clone().take(n).any(|(other, _)| other == key) {
                return Err(format!("duplicate attribute `{}`", shown(key)));
            }
            let Some((prefix, local)) = self.attribute_name(key)? else {
                continue;
            };
            let uri = self.namespace(prefix);
            let same = attributes
                .clone()
                .take(n)
                .find(|(other, _)| match other.split_once(':') {
                    Some((p, l)) => l == local && p != "xmlns" && self.bound(p) && self.namespace(p) == uri,
                    None => false,
                });
            if let Some((other, _)) = same {
                return Err(same_expanded_name(other, key));
            }
        }
        Ok(())
    }

    /// A start tag with many attributes: the same checks, by sorting (n log n).
    #[cold]
    fn check_many<I>(&self, attributes: I) -> Result<(), String>
    where
        I: Iterator<Item = (&'a str, &'a str)> + Clone,
    {
        let mut keys: Vec<&str> = attributes.clone().map(|(key, _)| key).collect();
        keys.sort_unstable();
        if let Some(pair) = keys.windows(2).find(|pair| pair[0] == pair[1]) {
            return Err(format!("duplicate attribute `{}`", shown(pair[0])));
        }
        let mut expanded = Vec::new();
        for (key, _) in attributes {
            if let Some((prefix, local)) = self.attribute_name(key)? {
                expanded.push((self.namespace(prefix), local, key));
            }
        }
        expanded.sort_unstable();
        match expanded
            .windows(2)
            .find(|pair| (&pair[0].0, pair[0].1) == (&pair[1].0, pair[1].1))
        {
            Some(pair) => Err(same_expanded_name(pair[0].2, pair[1].2)),
            None => Ok(()),
        }
    }

    /// An attribute's prefix and local name when it has a prefix (not `xmlns`), which
    /// must be bound; `None` for an unprefixed name or a declaration.
    fn attribute_name(&self, key: &'a str) -> Result<Option<(&'a str, &'a str)>, String> {
        if key == "xmlns" || key.starts_with("xmlns:") {
            return Ok(None);
        }
        let (Some(prefix), local) = split_name(key, "attribute")? else {
            return Ok(None);
        };
        if !self.bound(prefix) {
            return Err(format!(
                "unbound prefix `{}` in attribute name `{}`",
                shown(prefix),
                shown(key)
            ));
        }
        Ok(Some((prefix, local)))
    }
}

/// Above this many attributes, a start tag is checked by sorting.
const SMALL: usize = 8;

fn same_expanded_name(first: &str, second: &str) -> String {
    format!(
        "attributes `{}` and `{}` have the same expanded name",
        shown(first),
        shown(second)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word-at-a-time check equals the byte-by-byte definition: every ASCII byte at
    /// every position of values of every length from 0 to 40, around a namespace name.
    #[test]
    fn needs_normalizing_equals_the_byte_loop() {
        let plain = |s: &str| s.bytes().any(|c| matches!(c, b'&' | b'\t' | b'\n' | b'\r'));
        let base = "https://example.org/ns/2010-05-08/documents/ab";
        let mut checked = 0;
        for len in 0..=base.len() {
            for at in 0..len {
                for byte in 0u8..0x80 {
                    let mut value = base.as_bytes()[..len].to_vec();
                    value[at] = byte;
                    let value = String::from_utf8(value).unwrap();
                    assert_eq!(needs_normalizing(&value), plain(&value), "{value:?}");
                    checked += usize::from(plain(&value));
                }
            }
        }
        // Each of `&`, tab, LF, CR at each position of each length.
        assert_eq!(checked, 4 * (0..=base.len()).sum::<usize>());
        assert!(!needs_normalizing("é€𝄞 ÿ plain non-ASCII"));
        assert!(needs_normalizing("é€𝄞\r"));
    }

    /// The declarations taken without a parse are ones the parse accepts.
    #[test]
    fn common_declarations_are_valid() {
        for decl in COMMON_DECLARATIONS {
            assert_eq!(check_declaration(decl), Ok(()), "{decl}");
            assert_eq!(check_pi(decl, true), Ok(()), "{decl}");
            assert_eq!(check_pi(decl, false), Err(PiError::Misplaced), "{decl}");
        }
    }

    #[test]
    fn shown_escapes_and_bounds() {
        assert_eq!(shown("a\u{1}b\n"), "a\\u{1}b\\n");
        assert_eq!(shown(&"x".repeat(70)), format!("{}…", "x".repeat(64)));
    }

    #[test]
    fn references() {
        assert_eq!(resolve("amp"), Reference::Char('&'));
        assert_eq!(resolve("#x41"), Reference::Char('A'));
        assert_eq!(resolve("#65"), Reference::Char('A'));
        assert_eq!(resolve("#X41"), Reference::Illegal(None));
        assert_eq!(resolve("#xD800"), Reference::Illegal(None));
        assert_eq!(resolve("#99999999999"), Reference::Illegal(None));
        assert_eq!(resolve("#1"), Reference::Illegal(Some('\u{1}')));
        assert_eq!(resolve("nbsp"), Reference::Undefined);
    }

    #[test]
    fn attribute_normalisation() {
        assert_eq!(normalize_attribute("a\r\nb\tc&amp;&#10;"), "a b c&\n");
        assert!(matches!(normalize_attribute("plain"), Cow::Borrowed("plain")));
    }
}
