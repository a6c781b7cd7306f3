//! The fast scanner for the documents IAM and moto send (placeholder: always hands over).

use super::{DecodeOptions, Fail, Token, Tokens};

pub(crate) struct Scanner<'a> {
    _input: &'a [u8],
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(input: &'a [u8], _options: &DecodeOptions) -> Self {
        Scanner { _input: input }
    }
}

impl<'a> Tokens<'a> for Scanner<'a> {
    fn next_token(&mut self) -> Result<Token<'a>, Fail> {
        Err(Fail::Fallback)
    }
}
