//! The text of a CSV file, decoded as it is read.
//!
//! Which encoding, and whether the file holds bytes that are not text in
//! it, is decided over the whole file before a row is read (a first pass
//! that keeps nothing): a byte-order mark decides (UTF-8, UTF-16LE,
//! UTF-16BE); otherwise UTF-8 as is, GBK (GB 18030, its superset) when
//! chosen or when the bytes are not UTF-8 but are all valid GBK, UTF-16 when
//! chosen. A UTF-8 file with a few bad bytes stays UTF-8: those bytes become
//! U+FFFD and the rows holding them are reported, the rest read. Then the
//! text is decoded piece by piece ([`Text::more`]).

use std::io::{self, Read, Seek, SeekFrom};

use encoding_rs::{CoderResult, DecoderResult, Encoding as Charset};

use super::Encoding;

/// Bytes read at a time.
const PIECE: usize = 1 << 18;

/// A file, or standard input held in memory: read twice, so seekable.
pub(super) trait Input: Read + Seek {}

impl<T: Read + Seek> Input for T {}

/// What the bytes of a file are.
#[derive(Debug, Clone, Copy)]
pub(super) struct Probe {
    pub(super) charset: &'static Charset,
    /// A byte-order mark chose the encoding.
    pub(super) bom: bool,
    /// The mark's length, skipped when decoding.
    bom_len: u64,
    /// Bytes that were not text become U+FFFD: rows holding one are malformed.
    pub(super) lossy: bool,
    /// When lossy: what the bytes may be instead (`try --encoding gbk`).
    pub(super) hint: Option<&'static str>,
}

impl Probe {
    /// The name shown in reports: `utf-8`, `gbk`, `utf-16le` or `utf-16be`.
    pub(super) fn name(&self) -> &'static str {
        match self.charset.name() {
            "UTF-8" => "utf-8",
            "UTF-16LE" => "utf-16le",
            "UTF-16BE" => "utf-16be",
            _ => "gbk",
        }
    }
}

/// Reads the whole input once to choose its encoding; leaves it at the
/// first byte of text.
pub(super) fn probe(input: &mut dyn Input, chosen: Encoding) -> io::Result<Probe> {
    let mut head = [0u8; 3];
    let mut filled = 0;
    while filled < head.len() {
        match input.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let (charset, bom_len, lossy) = match Charset::for_bom(&head[..filled]) {
        Some((found, length)) => (found, length as u64, !valid(input, found, length as u64)?),
        None => match chosen {
            Encoding::Gbk => (
                encoding_rs::GB18030,
                0,
                !valid(input, encoding_rs::GB18030, 0)?,
            ),
            Encoding::Utf16Le => (
                encoding_rs::UTF_16LE,
                0,
                !valid(input, encoding_rs::UTF_16LE, 0)?,
            ),
            Encoding::Utf16Be => (
                encoding_rs::UTF_16BE,
                0,
                !valid(input, encoding_rs::UTF_16BE, 0)?,
            ),
            Encoding::Utf8 => (encoding_rs::UTF_8, 0, !valid(input, encoding_rs::UTF_8, 0)?),
            Encoding::Auto => {
                if valid(input, encoding_rs::UTF_8, 0)? {
                    (encoding_rs::UTF_8, 0, false)
                } else if valid(input, encoding_rs::GB18030, 0)? {
                    (encoding_rs::GB18030, 0, false)
                } else {
                    (encoding_rs::UTF_8, 0, true)
                }
            }
        },
    };
    let hint = if lossy {
        Some(hint(input, charset)?)
    } else {
        None
    };
    input.seek(SeekFrom::Start(bom_len))?;
    Ok(Probe {
        charset,
        bom: bom_len > 0,
        bom_len,
        lossy,
        hint,
    })
}

/// Whether every byte from `from` on is text in `charset`.
fn valid(input: &mut dyn Input, charset: &'static Charset, from: u64) -> io::Result<bool> {
    input.seek(SeekFrom::Start(from))?;
    let mut decoder = charset.new_decoder_without_bom_handling();
    let mut bytes = vec![0; PIECE];
    let mut text = String::with_capacity(PIECE * 3 + 16);
    loop {
        let n = read_some(input, &mut bytes)?;
        let last = n == 0;
        let mut src = &bytes[..n];
        loop {
            text.clear();
            let (result, read) = decoder.decode_to_string_without_replacement(src, &mut text, last);
            src = &src[read..];
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(_, _) => return Ok(false),
            }
        }
        if last {
            return Ok(true);
        }
    }
}

/// What bytes that are not text in `charset` may be instead.
fn hint(input: &mut dyn Input, charset: &'static Charset) -> io::Result<&'static str> {
    input.seek(SeekFrom::Start(0))?;
    let (mut nuls, mut total) = (0u64, 0u64);
    let mut bytes = vec![0; PIECE];
    loop {
        let n = read_some(input, &mut bytes)?;
        if n == 0 {
            break;
        }
        total += n as u64;
        nuls += bytes[..n].iter().filter(|&&b| b == 0).count() as u64;
    }
    Ok(if nuls * 8 > total {
        "the bytes look like UTF-16 without a byte-order mark: try --encoding utf-16le (or utf-16be)"
    } else if charset != encoding_rs::GB18030 && valid(input, encoding_rs::GB18030, 0)? {
        "try --encoding gbk"
    } else {
        "the bytes are not text in the encoding chosen; try --encoding auto"
    })
}

fn read_some(input: &mut dyn Input, bytes: &mut [u8]) -> io::Result<usize> {
    loop {
        match input.read(bytes) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// The text of an input whose encoding is known, a piece at a time.
pub(super) struct Text<'a> {
    input: &'a mut dyn Input,
    decoder: encoding_rs::Decoder,
    bytes: Vec<u8>,
    ended: bool,
    /// Bytes of the input read so far (byte-order mark included).
    consumed: u64,
}

impl<'a> Text<'a> {
    /// The text of `input`, which [`probe`] left at its first byte of text.
    pub(super) fn new(input: &'a mut dyn Input, probe: &Probe) -> Text<'a> {
        Text {
            input,
            decoder: probe.charset.new_decoder_without_bom_handling(),
            bytes: vec![0; PIECE],
            ended: false,
            consumed: probe.bom_len,
        }
    }

    /// Appends the next piece of text to `out` (bytes that are not text
    /// become U+FFFD); `false` once everything has been appended.
    pub(super) fn more(&mut self, out: &mut String) -> io::Result<bool> {
        if self.ended {
            return Ok(false);
        }
        let n = read_some(self.input, &mut self.bytes)?;
        self.consumed += n as u64;
        let last = n == 0;
        let mut src = &self.bytes[..n];
        loop {
            let room = self
                .decoder
                .max_utf8_buffer_length(src.len())
                .unwrap_or(src.len() * 3 + 16);
            out.reserve(room);
            let (result, read, _) = self.decoder.decode_to_string(src, out, last);
            src = &src[read..];
            if result == CoderResult::InputEmpty {
                break;
            }
        }
        self.ended = last;
        Ok(true)
    }

    /// Bytes of the input read so far.
    pub(super) fn consumed(&self) -> u64 {
        self.consumed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    /// The probe and the whole text of some bytes.
    fn decode(bytes: Vec<u8>, chosen: Encoding) -> (Probe, String) {
        let mut input = Cursor::new(bytes);
        let probe = probe(&mut input, chosen).unwrap();
        let mut text = Text::new(&mut input, &probe);
        let mut out = String::new();
        while text.more(&mut out).unwrap() {}
        (probe, out)
    }

    #[test]
    fn decodes_utf8_with_bom_and_gbk() {
        let bom = [b"\xEF\xBB\xBF".as_slice(), "企业名称".as_bytes()].concat();
        let (p, text) = decode(bom, Encoding::Auto);
        assert_eq!(
            (text.as_str(), p.name(), p.bom, p.lossy),
            ("企业名称", "utf-8", true, false)
        );
        let (gbk_bytes, _, _) = encoding_rs::GBK.encode("企业名称,产业链");
        let (p, text) = decode(gbk_bytes.into_owned(), Encoding::Auto);
        assert_eq!((text.as_str(), p.name()), ("企业名称,产业链", "gbk"));
        // UTF-8 with one stray byte stays UTF-8; the bad byte is marked.
        let stray = ["企业名称\n".as_bytes(), b"\xff\n"].concat();
        let (p, text) = decode(stray, Encoding::Auto);
        assert_eq!((p.name(), p.lossy), ("utf-8", true));
        assert!(text.contains('\u{FFFD}'));
        assert!(decode(vec![0xC6, 0xF3], Encoding::Utf8).0.lossy);
        // A character cut at the end of the file is not text either.
        let (p, text) = decode("企".as_bytes()[..2].to_vec(), Encoding::Utf8);
        assert!(p.lossy && text == "\u{FFFD}", "{text:?}");
    }

    #[test]
    fn a_byte_order_mark_decides_the_encoding() {
        let text = "企业名称\t产业链\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (bytes, name) in [(le.clone(), "utf-16le"), (be, "utf-16be")] {
            // Even when another encoding was chosen.
            let (p, read) = decode(bytes, Encoding::Gbk);
            assert_eq!(
                (read.as_str(), p.name(), p.bom, p.lossy),
                (text, name, true, false)
            );
        }
        // Without its mark, UTF-16 is read when chosen, and hinted at otherwise.
        let (p, read) = decode(le[2..].to_vec(), Encoding::Utf16Le);
        assert_eq!((read.as_str(), p.bom), (text, false));
        let (p, read) = decode(le[2..].to_vec(), Encoding::Utf8);
        assert!(p.lossy || !read.contains('企'));
        let (gbk_bytes, _, _) = encoding_rs::GBK.encode("企业名称");
        let (p, _) = decode(gbk_bytes.into_owned(), Encoding::Utf8);
        assert_eq!(p.hint, Some("try --encoding gbk"));
    }

    #[test]
    fn text_longer_than_a_piece_is_decoded_whole() {
        // GBK characters cut at every piece boundary.
        let line = "企业名称,统一社会信用代码,产业链\n".repeat(PIECE / 20);
        let (gbk_bytes, _, _) = encoding_rs::GBK.encode(&line);
        let (p, read) = decode(gbk_bytes.into_owned(), Encoding::Auto);
        assert_eq!((p.name(), p.lossy), ("gbk", false));
        assert_eq!(read, line);
    }
}
