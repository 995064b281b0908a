//! Standard preambular and operative openers (reference/un-drafting.md §3), and a reader that
//! tells what the words at the start of a paragraph are as an opener.
//!
//! The vocabulary is productive rather than a closed list: an opener is a head word from the
//! standard lists (`Recalling`, `Requests`) with the complements the head takes (`Taking note`,
//! `Calls upon`, `Noting with grave concern`, `Expressing its deep concern`), intensifiers
//! before it (`Strongly condemns`, `Deeply concerned`) and the repeat adverbs (`Recalling also`,
//! `Further requests`, `Calls once again upon`). The lists themselves are data, in
//! `openers.txt`.
//!
//! Italics in real texts are often partial (`*Calls* upon`, `*Deeply* concerned`), so the reader
//! reads on past the closing marker into roman words.
//!
//! This module knows the words and how they relate (a head's complements, its counterpart in
//! the other part, the opener the list names instead of a phrase); whether an opener is wrong
//! for its paragraph, and what to write instead, is judged by the opener rules, in
//! `checks::opener_judgement`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// Which part of a resolution an opener belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OpenerForm {
    /// A participle or adjective: `Recalling`, `Deeply concerned`.
    Preambular,
    /// A verb in the present tense, third person: `Requests`, `Also decides`.
    Operative,
}

impl OpenerForm {
    /// "preambular" or "operative", for messages.
    pub fn adjective(self) -> &'static str {
        match self {
            OpenerForm::Preambular => "preambular",
            OpenerForm::Operative => "operative",
        }
    }
}

/// An opener of the standard lists, for completion and hover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StandardOpener {
    pub phrase: &'static str,
    pub form: OpenerForm,
    /// What the opener is used for, in one line.
    pub description: &'static str,
}

/// The standard openers of one part, most used first (rare and Model UN forms that are only
/// accepted are left out).
pub fn standard_openers(form: OpenerForm) -> &'static [StandardOpener] {
    let vocabulary = vocabulary();
    match form {
        OpenerForm::Preambular => &vocabulary.offered_preambular,
        OpenerForm::Operative => &vocabulary.offered_operative,
    }
}

/// The "also" and "further" forms of an opener for its part: `Recalling` gives
/// (`Recalling also`, `Recalling further`), `Requests` gives (`Also requests`,
/// `Further requests`). The adverb follows the participle in the preamble and precedes the verb
/// in the operative part (reference §2.2).
pub fn repeat_forms(phrase: &str, form: OpenerForm) -> (String, String) {
    let phrase = phrase.trim();
    match form {
        OpenerForm::Preambular => (format!("{phrase} also"), format!("{phrase} further")),
        OpenerForm::Operative => {
            let lowered = lowercase_first(phrase);
            (format!("Also {lowered}"), format!("Further {lowered}"))
        }
    }
}

/// A one-line description of an opener's use: `Takes note` gives "Acknowledges a report or
/// document without endorsing it." Repeat adverbs and intensifiers are looked through, so
/// `Also requests` and `Strongly condemns` are described too.
pub fn describe(phrase: &str) -> Option<&'static str> {
    let vocabulary = vocabulary();
    let normalized = normalize_phrase(phrase);
    if let Some(&index) = vocabulary.opener_by_phrase.get(&normalized) {
        return Some(vocabulary.openers[index].description);
    }
    let reading = read(phrase, None);
    let head = reading.head()?;
    let core = reading.core_phrase();
    if let Some(&index) = vocabulary.opener_by_phrase.get(&core) {
        return Some(vocabulary.openers[index].description);
    }
    vocabulary
        .opener_by_phrase
        .get(&head.word)
        .or_else(|| vocabulary.first_opener_of_head.get(&head.word))
        .map(|&index| vocabulary.openers[index].description)
}

/// Whether only the Security Council uses the verb as an opener (`Demands`).
pub fn is_security_council_only(verb: &str) -> bool {
    let reading = read(verb, None);
    let word = match reading.head() {
        Some(head) => head.word.clone(),
        None => normalize_phrase(verb),
    };
    vocabulary().security_council_only.contains(&word)
}

/// The length in bytes of the standard opener (of either part) that `text` starts with, if
/// it starts with one: `Recalling also that ...` gives the length of `Recalling also`.
///
/// Strict, since the parser splits paragraphs on it: the text must start with a capitalized
/// standard head word, or a known adverb and one (`Also requests`, `Deeply concerned`), with
/// the complement the head needs (`Bearing in mind`).
pub fn leading_opener_len(text: &str) -> Option<usize> {
    if !text.starts_with(|character: char| character.is_uppercase()) {
        return None;
    }
    let reading = read_with(text, None, Mode::Strict);
    if reading.parsed.spelling != HeadSpelling::Standard
        || reading.parsed.complement_missing
        || reading.has_role(Role::BadAdverb)
    {
        return None;
    }
    let last = reading.parsed.end.checked_sub(1)?;
    Some(reading.words.get(last).end)
}

/// The part whose form the opener words have, if they read as an opener at all.
pub fn form_of(words: &str) -> Option<OpenerForm> {
    let reading = read(words, None);
    if let Some(head) = reading.head() {
        return Some(head.form);
    }
    let index = reading.parsed.head?;
    let word = reading.word(index);
    with_lowercase(word, |word| {
        if word.ends_with("ing") || word.ends_with("ed") {
            Some(OpenerForm::Preambular)
        } else if word.ends_with('s') {
            Some(OpenerForm::Operative)
        } else {
            None
        }
    })
}

// ---------------------------------------------------------------------------------------------
// Reading the words of an opener.

/// The most words the reader looks at.
const MAX_WORDS: usize = 16;
/// The words read first; more are read when the opener may run on.
const SHORT_READ: usize = 3;
/// How far into a paragraph the reader looks, in bytes.
const READ_LIMIT: usize = 400;

/// "also", "further" and "again" ("once again", "once more") mark a repeated opener.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Repeat {
    Also,
    Further,
    Again,
}

/// Where a repeat adverb stands relative to the head.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RepeatPlace {
    /// `Also requests`, `Further recalling`.
    BeforeHead,
    /// `Recalling also`, `Requests further`.
    AfterHead,
}

/// What a word of the opener is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// An intensifier before the head: `Strongly`, `Deeply`.
    Intensifier,
    Repeat(Repeat),
    /// The head word: `Recalling`, `Requests`, `concerned` in `Deeply concerned`, or the word
    /// in the head's place when it is not a standard head.
    Head,
    /// A complement listed with the head: `note` in `Taking note`, `upon` in `Calls upon`,
    /// `considered` in `Having considered`.
    Tail,
    /// A productive complement: `with deep concern`, `its appreciation`.
    Complement,
    /// An adverb resolutions do not use (`Kindly`) or a misspelt one (`Stronlgy`).
    BadAdverb,
    /// A word after the opener.
    Rest,
}

/// How the head word is spelt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HeadSpelling {
    /// A standard head, as listed.
    Standard,
    /// A standard head in British spelling: `Emphasising`, `Recognises`.
    British,
    /// Not a standard head at all (or no head).
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// Read through emphasis markers and accept any `-ly` adverb.
    Lenient,
    /// Stop at markers; only listed adverbs.
    Strict,
}

#[derive(Clone, Copy)]
struct Words {
    /// Byte offsets; the reader never looks past `READ_LIMIT` bytes, so they fit in 16 bits.
    spans: [(u16, u16); MAX_WORDS],
    len: usize,
}

impl Words {
    fn get(&self, index: usize) -> Range<usize> {
        let (start, end) = self.spans[index];
        usize::from(start)..usize::from(end)
    }
}

/// The words at the start of `text`, at most `limit` of them, up to the first character that
/// is neither a letter, a space nor (when reading leniently) an emphasis marker. ASCII is read
/// byte by byte; other characters are decoded.
fn scan_words(text: &str, mode: Mode, limit: usize) -> Words {
    let mut words = Words {
        spans: [(0, 0); MAX_WORDS],
        len: 0,
    };
    let bytes = text.as_bytes();
    let limit = limit.min(MAX_WORDS);
    let mut position = 0;
    while words.len < limit {
        // Spaces, line breaks and markers between words.
        while let Some(&byte) = bytes.get(position) {
            let skip = match byte {
                b' ' | b'\t' | b'\n' | b'\r' => 1,
                b'*' | b'_' if mode == Mode::Lenient => 1,
                byte if byte >= 0x80 => {
                    match text.get(position..).and_then(|rest| rest.chars().next()) {
                        Some(character) if character.is_whitespace() => character.len_utf8(),
                        _ => 0,
                    }
                }
                _ => 0,
            };
            if skip == 0 {
                break;
            }
            position += skip;
        }
        let start = position;
        // The word itself: letters, with hyphens and apostrophes inside. A run of ASCII
        // letters, most words whole, is read in a tight loop first.
        while bytes.get(position).is_some_and(u8::is_ascii_alphabetic) {
            position += 1;
        }
        let mut end = position;
        while let Some(&byte) = bytes.get(position) {
            // (length, is a letter)
            let (length, letter) = if byte.is_ascii_alphabetic() {
                (1, true)
            } else if byte == b'-' || byte == b'\'' {
                (usize::from(position > start), false)
            } else if byte >= 0x80 {
                match text.get(position..).and_then(|rest| rest.chars().next()) {
                    Some(character) if character.is_alphabetic() => (character.len_utf8(), true),
                    Some(character) if position > start && is_word_joiner(character) => {
                        (character.len_utf8(), false)
                    }
                    _ => (0, false),
                }
            } else {
                (0, false)
            };
            if length == 0 {
                break;
            }
            position += length;
            if letter {
                end = position;
            }
        }
        if end == start {
            break;
        }
        let (Ok(start16), Ok(end16)) = (u16::try_from(start), u16::try_from(end)) else {
            break;
        };
        words.spans[words.len] = (start16, end16);
        words.len += 1;
        if end < position {
            // The word ended in a hyphen or apostrophe: read no further.
            break;
        }
    }
    words
}

fn is_word_joiner(character: char) -> bool {
    matches!(character, '-' | '\'' | '’' | '\u{2010}' | '\u{2011}')
}

/// The opener at the start of a paragraph, read word by word.
#[derive(Clone)]
pub struct Reading<'text> {
    text: &'text str,
    words: Words,
    parsed: Parsed,
    /// Whether the opener is in italics.
    italic: bool,
    /// Where the italics end, in bytes into the text (where the opener ends when it is not in
    /// italics).
    italic_end: usize,
    /// The parse looked for a word past the last one read, and more could be read.
    ran_out: RanOut,
}

/// Whether a parse looked for a word past the last one read. The parse notes it through a
/// shared borrow, and a reading is shared between the threads that run the rules: hence an
/// atomic flag rather than a `Cell`.
#[derive(Default)]
struct RanOut(AtomicBool);

impl RanOut {
    fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    fn set(&self, ran_out: bool) {
        self.0.store(ran_out, Ordering::Relaxed);
    }
}

impl Clone for RanOut {
    fn clone(&self) -> Self {
        RanOut(AtomicBool::new(self.get()))
    }
}

/// Read the opener at the start of `text` (the words of a paragraph from its first word on).
/// `italic_end` is where the italic span ends, when the opener is in italics; the reader goes
/// on into the roman words after it, since italics are often partial.
pub fn read(text: &str, italic_end: Option<usize>) -> Reading<'_> {
    read_with(text, italic_end, Mode::Lenient)
}

fn read_with(text: &str, italic_end: Option<usize>, mode: Mode) -> Reading<'_> {
    read_parsing_with(text, italic_end, mode, Reading::parse_remembered)
}

/// [`read_with`], parsing with `parse` (tests compare the remembered parse with a parse).
fn read_parsing_with<'text>(
    text: &'text str,
    italic_end: Option<usize>,
    mode: Mode,
    parse: fn(&mut Reading<'text>, Mode),
) -> Reading<'text> {
    let limit = floor_boundary(text, READ_LIMIT);
    let text = &text[..limit];
    // Most openers are read in the first few words; the longest listed ones need more.
    let words = scan_words(text, mode, SHORT_READ);
    let mut reading = Reading {
        text,
        words,
        parsed: Parsed::NOTHING,
        italic: italic_end.is_some(),
        italic_end: italic_end.unwrap_or(text.len()).min(text.len()),
        ran_out: RanOut::default(),
    };
    parse(&mut reading, mode);
    if reading.ran_out.get() {
        reading.words = scan_words(text, mode, MAX_WORDS);
        reading.parsed = Parsed::NOTHING;
        reading.ran_out.set(false);
        parse(&mut reading, mode);
    }
    if !reading.italic {
        reading.italic_end = reading.opener_len();
    }
    reading
}

/// What [`Reading::parse`] finds in the words read.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Parsed {
    roles: [Role; MAX_WORDS],
    /// The word in the head's place, standard or not.
    head: Option<usize>,
    head_id: Option<usize>,
    spelling: HeadSpelling,
    /// The head needs a complement it does not have (`Looks` without `forward to`).
    complement_missing: bool,
    /// The number of words that make up the opener.
    end: usize,
    /// The first word starts with a lower-case letter. Kept with the parse so that judging
    /// a standard opener needs no look at the text, which in a large draft is long out of the
    /// cache by the time the rules judge it.
    first_lowercase: bool,
}

impl Parsed {
    /// Before any parse.
    const NOTHING: Parsed = Parsed {
        roles: [Role::Rest; MAX_WORDS],
        head: None,
        head_id: None,
        spelling: HeadSpelling::Unknown,
        complement_missing: false,
        end: 0,
        first_lowercase: false,
    };
}

/// Parses remembered on one thread, by the words they read.
#[derive(Default)]
struct RememberedParses {
    /// The key being looked up, kept to save an allocation per lookup.
    key: String,
    /// The parse, and whether it ran out of words.
    parses: HashMap<String, (Parsed, bool)>,
}

/// Enough for the distinct openers of a large compilation; the memory is dropped and rebuilt
/// beyond it.
const MAX_REMEMBERED_PARSES: usize = 2048;

impl<'text> Reading<'text> {
    /// [`Reading::parse`], remembered per thread. A draft repeats its openers (`Requests the
    /// Secretary-General`, `Decides to remain seized`), and the parse depends only on the
    /// words read (the bytes up to the end of the last one, which also fix how many there
    /// are), the mode, and where the italics end among them.
    fn parse_remembered(&mut self, mode: Mode) {
        thread_local! {
            static REMEMBERED: std::cell::RefCell<RememberedParses> =
                std::cell::RefCell::new(RememberedParses::default());
        }
        let read = match self.words.len {
            0 => 0,
            len => self.words.get(len - 1).end,
        };
        let italic_end = if self.italic {
            self.italic_end.min(read) + 1
        } else {
            0
        };
        // The bytes read, then one character for the mode and one for the italics: the key's
        // end is fixed in length, so no text can pass for another's.
        let settings = [
            u32::from(mode == Mode::Strict),
            u32::try_from(italic_end).unwrap_or(u32::MAX),
        ];
        REMEMBERED.with(|remembered| {
            let Ok(mut remembered) = remembered.try_borrow_mut() else {
                self.parse(mode);
                return;
            };
            let RememberedParses { key, parses } = &mut *remembered;
            key.clear();
            key.push_str(&self.text[..read]);
            key.extend(
                settings
                    .iter()
                    .map(|&setting| char::from_u32(setting).unwrap_or(char::MAX)),
            );
            if let Some(&(parsed, ran_out)) = parses.get(key.as_str()) {
                self.parsed = parsed;
                self.ran_out.set(ran_out);
                return;
            }
            self.parse(mode);
            if parses.len() >= MAX_REMEMBERED_PARSES {
                parses.clear();
            }
            parses.insert(key.clone(), (self.parsed, self.ran_out.get()));
        });
    }

    fn parse(&mut self, mode: Mode) {
        let vocabulary = vocabulary();
        self.parsed.first_lowercase =
            self.words.len > 0 && self.word(0).starts_with(char::is_lowercase);
        let mut index = 0;
        // Adverbs before the head.
        let mut head_id = None;
        while self.has(index) {
            let word = self.word(index);
            let next_is_head =
                || self.has(index + 1) && vocabulary.head_of(self.word(index + 1)).is_some();
            let role = with_lowercase(word, |lower| {
                if let Some(&id) = vocabulary.head_by_word.get(lower) {
                    head_id = Some(id);
                    return None;
                }
                if let Some(repeat) = repeat_of(
                    lower,
                    index.checked_sub(1).map(|previous| self.word(previous)),
                ) {
                    return Some(Role::Repeat(repeat));
                }
                if vocabulary.adverbs.contains(lower) {
                    return Some(Role::Intensifier);
                }
                if mode == Mode::Strict {
                    return None;
                }
                if vocabulary.not_adverbs.contains(lower) {
                    return Some(Role::BadAdverb);
                }
                let close_to_adverb = {
                    let ends_in_ly = lower.ends_with("ly");
                    (ends_in_ly || next_is_head()) && nearest_adverb(lower).is_some()
                };
                if lower.ends_with("ly") && lower.len() > 3 {
                    if close_to_adverb {
                        return Some(Role::BadAdverb);
                    }
                    // Intensifiers are productive: `Extremely alarmed`, `Profoundly concerned`.
                    return next_is_head().then_some(Role::Intensifier);
                }
                (close_to_adverb && next_is_head()).then_some(Role::BadAdverb)
            });
            match role {
                Some(role) => {
                    self.parsed.roles[index] = role;
                    index += 1;
                }
                None => break,
            }
        }
        if !self.has(index) {
            self.parsed.end = self.words.len;
            return;
        }
        self.parsed.head = Some(index);
        self.parsed.roles[index] = Role::Head;
        self.parsed.end = index + 1;
        let word = self.word(index);
        if let Some(id) = head_id {
            self.parsed.head_id = Some(id);
            self.parsed.spelling = HeadSpelling::Standard;
        } else if mode == Mode::Lenient
            && let Some(id) = with_lowercase(word, |lower| vocabulary.british_variant(lower))
        {
            self.parsed.head_id = Some(id);
            self.parsed.spelling = HeadSpelling::British;
        } else {
            // Not a standard head; a user-accepted opener may still take "also"/"further".
            let mut cursor = index + 1;
            while self.has(cursor) {
                let previous = self.word(cursor - 1);
                let repeat = repeat_of(self.word(cursor), Some(previous));
                match repeat.filter(|&repeat| self.is_adverb_here(repeat, cursor)) {
                    Some(repeat) => self.parsed.roles[cursor] = Role::Repeat(repeat),
                    None => break,
                }
                cursor += 1;
                self.parsed.end = cursor;
            }
            return;
        }
        let Some(head) = self.parsed.head_id.map(|id| &vocabulary.heads[id]) else {
            return;
        };
        // The listed complement, with repeat adverbs allowed in between (`Calls once again
        // upon`, `Taking note also of`).
        let mut cursor = index + 1;
        let mut skipped = Vec::new();
        while self.has(cursor) {
            let repeat = repeat_of(self.word(cursor), Some(self.word(cursor - 1)));
            match repeat {
                Some(repeat) => {
                    skipped.push((cursor, repeat));
                    cursor += 1;
                }
                None => break,
            }
        }
        let tail_length = self.match_tail(head, cursor);
        if tail_length > 0 {
            for (position, repeat) in skipped.drain(..) {
                self.parsed.roles[position] = Role::Repeat(repeat);
            }
            for position in cursor..cursor + tail_length {
                self.parsed.roles[position] = Role::Tail;
            }
            self.parsed.end = cursor + tail_length;
        } else if !head.bare {
            self.parsed.complement_missing = true;
        }
        // Repeat adverbs and a productive complement, in either order (`Noting with concern
        // also`, `Noting also with concern`).
        let mut cursor = self.parsed.end;
        loop {
            if !self.has(cursor) {
                break;
            }
            let previous = self.word(cursor - 1);
            let repeat = repeat_of(self.word(cursor), Some(previous));
            if let Some(repeat) = repeat.filter(|&repeat| self.is_adverb_here(repeat, cursor)) {
                self.parsed.roles[cursor] = Role::Repeat(repeat);
                cursor += 1;
                self.parsed.end = cursor;
                continue;
            }
            if self.has_role(Role::Complement) {
                break;
            }
            let length = self.match_complement(head, cursor);
            if length == 0 {
                break;
            }
            for position in cursor..cursor + length {
                self.parsed.roles[position] = Role::Complement;
            }
            cursor += length;
            self.parsed.end = cursor;
        }
    }

    /// Whether a repeat word after the head is the adverb: "further" in roman text is often
    /// the adjective (`*Encourages* further collaboration`), so there it counts only before a
    /// function word or at the end (`Decides further that`).
    fn is_adverb_here(&self, repeat: Repeat, index: usize) -> bool {
        let in_italics = self.italic && self.words.get(index).end <= self.italic_end;
        if repeat != Repeat::Further || in_italics {
            return true;
        }
        match index + 1 < self.words.len {
            true => with_lowercase(self.word(index + 1), |lower| {
                FUNCTION_WORDS.contains(&lower)
            }),
            false => true,
        }
    }

    /// The number of words from `start` that make up one of the head's listed complements:
    /// the longest complete one, else the longest partial one (`Acting under article 41`
    /// matches `under` of `under Chapter VII ...`). `Having` takes any past participle.
    fn match_tail(&self, head: &Head, start: usize) -> usize {
        let mut best_complete = 0;
        let mut best_partial = 0;
        for tail in &head.tails {
            let mut matched = 0;
            while matched < tail.len()
                && self.has(start + matched)
                && self
                    .word(start + matched)
                    .eq_ignore_ascii_case(&tail[matched])
            {
                matched += 1;
            }
            if matched == tail.len() {
                best_complete = best_complete.max(matched);
            } else {
                best_partial = best_partial.max(matched);
            }
        }
        if best_complete > 0 {
            return best_complete;
        }
        // A partial complement counts only for a head that needs one.
        if head.bare {
            return 0;
        }
        if head.takes_participle && self.has(start) {
            let participle = with_lowercase(self.word(start), |lower| {
                lower
                    .chars()
                    .all(|character| character.is_lowercase() || is_word_joiner(character))
                    && !FUNCTION_WORDS.contains(&lower)
            });
            if participle && self.word(start).starts_with(char::is_lowercase) {
                return 1;
            }
        }
        best_partial
    }

    /// A productive complement from `start`: `with (deep) concern` after any head, or
    /// `(its) (deep) concern` after `Expressing`, `Expresses`, `Reiterating`, `Reiterates`,
    /// `Renewing`, `Renews`: at most three modifiers, then a word of feeling.
    fn match_complement(&self, head: &Head, start: usize) -> usize {
        let vocabulary = vocabulary();
        let mut cursor = start;
        let introducer = with_lowercase(self.word(start), |lower| lower == "with");
        if introducer {
            cursor += 1;
        } else if !head.takes_object {
            return 0;
        }
        if self.has(cursor)
            && with_lowercase(self.word(cursor), |lower| {
                matches!(lower, "its" | "the" | "their" | "his" | "her" | "our")
            })
        {
            cursor += 1;
        }
        let mut modifiers = 0;
        while self.has(cursor) && modifiers <= 3 {
            let (feeling, function) = with_lowercase(self.word(cursor), |lower| {
                (
                    vocabulary.feelings.contains(lower),
                    FUNCTION_WORDS.contains(&lower),
                )
            });
            if feeling {
                return cursor + 1 - start;
            }
            if function {
                return 0;
            }
            modifiers += 1;
            cursor += 1;
        }
        0
    }

    /// Whether there is a word at `index`; noting when the answer is no only because fewer
    /// words were read than there may be.
    fn has(&self, index: usize) -> bool {
        if index < self.words.len {
            return true;
        }
        if self.words.len == SHORT_READ {
            self.ran_out.set(true);
        }
        false
    }

    /// The text of a word.
    pub fn word(&self, index: usize) -> &'text str {
        &self.text[self.words.get(index)]
    }

    /// The number of words read.
    pub fn len(&self) -> usize {
        self.words.len
    }

    /// Whether no word was read (the text does not start with a word).
    pub fn is_empty(&self) -> bool {
        self.words.len == 0
    }

    /// The byte range of a word in the text read.
    pub fn word_range(&self, index: usize) -> Range<usize> {
        self.words.get(index)
    }

    pub fn role(&self, index: usize) -> Role {
        self.parsed.roles[index]
    }

    /// Whether a word of those read has `role`.
    pub fn has_role(&self, role: Role) -> bool {
        self.parsed.roles[..self.words.len].contains(&role)
    }

    /// The index of the word in the head's place, standard or not.
    pub fn head_index(&self) -> Option<usize> {
        self.parsed.head
    }

    pub fn spelling(&self) -> HeadSpelling {
        self.parsed.spelling
    }

    /// The form of the standard head, if the head is standard (in any spelling).
    pub fn form(&self) -> Option<OpenerForm> {
        self.head().map(|head| head.form)
    }

    /// The standard head, if the head is standard (in any spelling).
    pub fn head(&self) -> Option<&'static Head> {
        self.parsed.head_id.map(|id| &vocabulary().heads[id])
    }

    /// The text read: the start of the text given to [`read`].
    pub fn text(&self) -> &'text str {
        self.text
    }

    /// Whether the opener is in italics.
    pub fn italic(&self) -> bool {
        self.italic
    }

    /// Where the italics end, in bytes into the text (where the opener ends when it is not in
    /// italics).
    pub fn italic_end(&self) -> usize {
        self.italic_end
    }

    /// Whether the head needs a complement it does not have (`Looks` without `forward to`).
    pub fn complement_missing(&self) -> bool {
        self.parsed.complement_missing
    }

    /// Whether the first word starts with a lower-case letter.
    pub fn starts_lowercase(&self) -> bool {
        self.parsed.first_lowercase
    }

    /// The standard head as listed (`Recalling`), whatever its spelling in the text.
    pub fn head_display(&self) -> Option<&'static str> {
        self.head().map(|head| head.display.as_str())
    }

    /// The number of words that make up the opener, from the first.
    pub fn opener_words(&self) -> usize {
        self.parsed.end
    }

    /// The byte length of the opener, from the start of the text.
    pub fn opener_len(&self) -> usize {
        match self.parsed.end {
            0 => 0,
            end => self.words.get(end - 1).end,
        }
    }

    /// The repeat adverb of the opener and where it stands, if it has one (`Recalling also`,
    /// `Further requests`, `Calls once again upon`).
    pub fn repeat(&self) -> Option<(Repeat, RepeatPlace, usize)> {
        let head = self.parsed.head?;
        (0..self.parsed.end).find_map(|index| match self.parsed.roles[index] {
            Role::Repeat(repeat) => {
                let place = if index < head {
                    RepeatPlace::BeforeHead
                } else {
                    RepeatPlace::AfterHead
                };
                Some((repeat, place, index))
            }
            _ => None,
        })
    }

    /// What two openers are compared by to tell a repeat: the head with its intensifiers and
    /// complements, without repeat adverbs, in lower case: `Recalling also that` gives
    /// `recalling`; `Noting with concern` gives `noting with concern`. Written into `key`
    /// (cleared first), so that a caller comparing many openers reuses one buffer.
    pub fn write_key(&self, key: &mut String) {
        key.clear();
        for index in 0..self.parsed.end {
            let role = self.parsed.roles[index];
            let head = match role {
                Role::Head => self.head(),
                Role::Intensifier | Role::Tail | Role::Complement => None,
                _ => continue,
            };
            if !key.is_empty() {
                key.push(' ');
            }
            match head {
                Some(head) => key.push_str(head.word()),
                None => key.extend(self.word(index).chars().flat_map(char::to_lowercase)),
            }
        }
    }

    /// The head and its listed complement in lower case (`taking note`), for phrase lookups.
    pub fn core_phrase(&self) -> String {
        let mut phrase = String::new();
        for index in 0..self.parsed.end {
            match self.parsed.roles[index] {
                Role::Head | Role::Tail => {
                    if !phrase.is_empty() {
                        phrase.push(' ');
                    }
                    match (self.parsed.roles[index], self.head()) {
                        (Role::Head, Some(head)) => phrase.push_str(&head.word),
                        _ => phrase.push_str(&self.word(index).to_lowercase()),
                    }
                }
                _ => {}
            }
        }
        phrase
    }

    /// Whether the opener's words start with one of `phrases` (user-accepted openers, in any
    /// case, with or without "also"/"further").
    pub fn matches_any(&self, phrases: &[String]) -> bool {
        self.matched_len(phrases).is_some()
    }

    /// The byte length of the longest of `phrases` (user-accepted openers) that the words
    /// start with, counting any "also"/"further" among or right after them.
    pub fn matched_len(&self, phrases: &[String]) -> Option<usize> {
        if phrases.is_empty() || self.is_empty() {
            return None;
        }
        let plain: Vec<usize> = (0..self.words.len)
            .filter(|&index| !self.is_repeat_word(index))
            .collect();
        phrases
            .iter()
            .filter_map(|phrase| {
                let wanted: Vec<String> = phrase
                    .split_whitespace()
                    .map(str::to_lowercase)
                    .filter(|word| !matches!(word.as_str(), "also" | "further"))
                    .collect();
                let matches = !wanted.is_empty()
                    && wanted.len() <= plain.len()
                    && wanted
                        .iter()
                        .zip(&plain)
                        .all(|(wanted, &index)| self.word(index).to_lowercase() == *wanted);
                if !matches {
                    return None;
                }
                let mut last = plain[wanted.len() - 1];
                while last + 1 < self.words.len && self.is_repeat_word(last + 1) {
                    last += 1;
                }
                Some(self.words.get(last).end)
            })
            .max()
    }

    fn is_repeat_word(&self, index: usize) -> bool {
        with_lowercase(self.word(index), |lower| {
            matches!(lower, "also" | "further")
        })
    }

    /// Whether every word of the opener stands inside the italics.
    pub fn opener_is_italic(&self) -> bool {
        self.opener_len() <= self.italic_end
    }
}

/// Words that cannot stand in the head's place or inside a complement.
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "this", "these", "that", "those", "its", "their", "our", "his", "her", "in",
    "on", "at", "for", "with", "by", "to", "from", "under", "as", "while", "after", "before",
    "during", "upon", "within", "without", "of", "and", "or", "but", "if", "when", "where",
    "since", "pursuant", "all", "any", "each", "every", "no", "not", "it", "they", "we", "there",
];

/// The repeat adverb a word is (in any case): `also`, `further`, `again`, `once`, and `more`
/// after `once`.
fn repeat_of(word: &str, previous: Option<&str>) -> Option<Repeat> {
    let is = |wanted: &str| word.eq_ignore_ascii_case(wanted);
    if is("also") {
        Some(Repeat::Also)
    } else if is("further") {
        Some(Repeat::Further)
    } else if is("again")
        || is("once")
        || is("more") && previous.is_some_and(|word| word.eq_ignore_ascii_case("once"))
    {
        Some(Repeat::Again)
    } else {
        None
    }
}
// ---------------------------------------------------------------------------------------------
// The vocabulary.

/// A standard head word, with the complements it is listed with.
pub struct Head {
    /// As listed: `Recalling`.
    display: String,
    /// In lower case: `recalling`.
    word: String,
    form: OpenerForm,
    /// Listed on its own, so it needs no complement.
    bare: bool,
    /// Listed complements, in lower case.
    tails: Vec<Vec<String>>,
    /// `Having` takes any past participle.
    takes_participle: bool,
    /// Takes a feeling as its object: `Expressing (its deep) concern`.
    takes_object: bool,
    /// Offered as a suggestion (some listed opener with this head is offered).
    offered: bool,
}

struct Vocabulary {
    heads: Vec<Head>,
    head_by_word: HashMap<String, usize>,
    openers: Vec<StandardOpener>,
    offered_preambular: Vec<StandardOpener>,
    offered_operative: Vec<StandardOpener>,
    opener_by_phrase: HashMap<String, usize>,
    first_opener_of_head: HashMap<String, usize>,
    /// Head word in lower case → the head of the other part (`recalls` → `Recalling`).
    word_pairs: HashMap<String, &'static str>,
    /// Phrase in lower case → the phrase of the other part and its form.
    phrase_pairs: HashMap<String, (OpenerForm, &'static str)>,
    adverbs: HashSet<&'static str>,
    not_adverbs: HashSet<&'static str>,
    feelings: HashSet<&'static str>,
    instead: HashMap<String, &'static str>,
    /// The first words of the phrases in `instead` of more than one word (`is`, `proposes`).
    instead_phrase_starts: HashSet<String>,
    security_council_only: HashSet<String>,
}

impl Head {
    /// The head as listed: `Recalling`.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// The head in lower case: `recalling`.
    pub fn word(&self) -> &str {
        &self.word
    }

    /// The part the head opens paragraphs of.
    pub fn form(&self) -> OpenerForm {
        self.form
    }

    /// The complements the head is listed with, in lower case, word by word (`note` of
    /// `Taking note`).
    pub fn tails(&self) -> &[Vec<String>] {
        &self.tails
    }

    /// Whether some listed opener with this head is offered as a suggestion.
    pub fn offered(&self) -> bool {
        self.offered
    }
}

/// The standard openers, and the openers that adopted resolutions use beyond them
/// (`adopted-openers.txt`, derived from the adopted texts by `tests/vocabulary.rs`): accepted,
/// never offered as suggestions.
static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let mut vocabulary = Vocabulary::parse(include_str!("openers.txt"));
    vocabulary.add_adopted(include_str!("adopted-openers.txt"));
    vocabulary
});

/// The standard heads, in the order they are listed.
pub fn heads() -> &'static [Head] {
    &vocabulary().heads
}

/// The standard opener to use instead of a phrase (one word, or two, in lower case) that the
/// standard list names as not United Nations usage: `feels` gives `Considers`, `is happy`
/// gives `Welcomes`.
pub fn instead(lower: &str) -> Option<&'static str> {
    vocabulary().instead.get(lower).copied()
}

/// Whether a word (in any case) starts a phrase of more than one word that the list names as
/// not United Nations usage (`Proposes` of `Proposes to`): the phrase is worth building only
/// then.
pub fn starts_an_instead_phrase(word: &str) -> bool {
    with_lowercase(word, |lower| {
        vocabulary().instead_phrase_starts.contains(lower)
    })
}

/// The head of the other part that a head word (in lower case) pairs with: `recalls` gives
/// `Recalling`.
pub fn counterpart(lower: &str) -> Option<&'static str> {
    vocabulary().word_pairs.get(lower).copied()
}

/// The phrase of the other part that a phrase (in lower case, one space between words) pairs
/// with, and that part: `deeply concerned` gives (operative, `Expresses deep concern`).
pub fn phrase_counterpart(lower: &str) -> Option<(OpenerForm, &'static str)> {
    vocabulary().phrase_pairs.get(lower).copied()
}

/// The head a base-form verb (in lower case) stands for in the wanted part: `urge` gives
/// `Urges` (operative), `recall` gives `Recalling` (preambular).
pub fn base_form_head(lower: &str, form: OpenerForm) -> Option<&'static Head> {
    vocabulary().base_form_head(lower, form)
}

/// Whether a word (in lower case) is a function word, which cannot stand in the head's place
/// or inside a complement: `the`, `in`, `pursuant`.
pub fn is_function_word(lower: &str) -> bool {
    FUNCTION_WORDS.contains(&lower)
}

/// Build the vocabulary now rather than on first use.
pub fn prepare() {
    LazyLock::force(&VOCABULARY);
}

fn vocabulary() -> &'static Vocabulary {
    &VOCABULARY
}

/// Heads that take a feeling as their object without `with`.
const OBJECT_HEADS: &[&str] = &[
    "expressing",
    "expresses",
    "reiterating",
    "reiterates",
    "renewing",
    "renews",
];

impl Vocabulary {
    fn parse(data: &'static str) -> Vocabulary {
        let mut vocabulary = Vocabulary {
            heads: Vec::new(),
            head_by_word: HashMap::default(),
            openers: Vec::new(),
            offered_preambular: Vec::new(),
            offered_operative: Vec::new(),
            opener_by_phrase: HashMap::default(),
            first_opener_of_head: HashMap::default(),
            word_pairs: HashMap::default(),
            phrase_pairs: HashMap::default(),
            adverbs: HashSet::default(),
            not_adverbs: HashSet::default(),
            feelings: HashSet::default(),
            instead: HashMap::default(),
            instead_phrase_starts: HashSet::default(),
            security_council_only: HashSet::default(),
        };
        let mut section = "";
        for line in data.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line
                .strip_prefix('[')
                .and_then(|rest| rest.strip_suffix(']'))
            {
                section = name;
                continue;
            }
            match section {
                "preambular" => vocabulary.add_opener(line, OpenerForm::Preambular),
                "operative" => vocabulary.add_opener(line, OpenerForm::Operative),
                "counterparts" => vocabulary.add_counterpart(line),
                "adverbs" => {
                    vocabulary.adverbs.insert(line);
                }
                "not-adverbs" => {
                    vocabulary.not_adverbs.insert(line);
                }
                "feelings" => {
                    vocabulary.feelings.insert(line);
                }
                "instead" => {
                    if let Some((words, opener)) = line.split_once('=') {
                        let words = words.trim().to_lowercase();
                        if let Some((first, _)) = words.split_once(' ') {
                            vocabulary.instead_phrase_starts.insert(first.to_string());
                        }
                        vocabulary.instead.insert(words, opener.trim());
                    }
                }
                "security-council" => {
                    vocabulary.security_council_only.insert(line.to_lowercase());
                }
                _ => {}
            }
        }
        for head in &mut vocabulary.heads {
            head.takes_object = OBJECT_HEADS.contains(&head.word.as_str());
        }
        vocabulary
    }

    /// Accept the openers of `adopted-openers.txt`: `[preambular]` and `[operative]` sections
    /// of `Phrase | evidence` lines. A phrase whose head is a standard head of the other part
    /// is left out: adopted texts do not make `Adopts` a preambular opener.
    fn add_adopted(&mut self, data: &'static str) {
        let mut form = None;
        for line in data.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match line {
                "[preambular]" => form = Some(OpenerForm::Preambular),
                "[operative]" => form = Some(OpenerForm::Operative),
                _ => {
                    let Some(form) = form else { continue };
                    let phrase = line.split_once('|').map_or(line, |(phrase, _)| phrase);
                    let other_part = phrase
                        .split_whitespace()
                        .find(|word| !ADVERBS_IN_LIST.contains(&word.to_lowercase().as_str()))
                        .and_then(|head| self.head_of(head))
                        .is_some_and(|id| self.heads[id].form != form);
                    if !other_part {
                        self.add_listed_opener(line, form, false);
                    }
                }
            }
        }
    }

    fn add_opener(&mut self, line: &'static str, form: OpenerForm) {
        let (offered, line) = match line.strip_prefix('~') {
            Some(rest) => (false, rest),
            None => (true, line),
        };
        self.add_listed_opener(line, form, offered);
    }

    fn add_listed_opener(&mut self, line: &'static str, form: OpenerForm, offered: bool) {
        let (phrase, description) = match line.split_once('|') {
            Some((phrase, description)) => (phrase.trim(), description.trim()),
            None => (line.trim(), ""),
        };
        let words: Vec<&'static str> = phrase.split_whitespace().collect();
        // The head is the first word that is not an intensifier: `concerned` in `Deeply
        // concerned`.
        let Some(head_position) = words
            .iter()
            .position(|word| !ADVERBS_IN_LIST.contains(&word.to_lowercase().as_str()))
        else {
            return;
        };
        let head_word = words[head_position].to_lowercase();
        // `Deeply concerned` lists the head `concerned`; show it capitalized.
        let display = uppercase_first(words[head_position]);
        let id = match self.head_by_word.get(&head_word) {
            Some(&id) => id,
            None => {
                self.heads.push(Head {
                    display,
                    word: head_word.clone(),
                    form,
                    bare: false,
                    tails: Vec::new(),
                    takes_participle: head_word == "having",
                    takes_object: false,
                    offered: false,
                });
                self.head_by_word
                    .insert(head_word.clone(), self.heads.len() - 1);
                self.heads.len() - 1
            }
        };
        let head = &mut self.heads[id];
        head.offered |= offered;
        let tail: Vec<String> = words[head_position + 1..]
            .iter()
            .map(|word| word.to_lowercase())
            .collect();
        if tail.is_empty() {
            head.bare = true;
        } else if !head.tails.contains(&tail) {
            head.tails.push(tail);
        }
        let opener = StandardOpener {
            phrase,
            form,
            description,
        };
        let normalized = normalize_phrase(phrase);
        if !self.opener_by_phrase.contains_key(&normalized) {
            self.openers.push(opener.clone());
            let index = self.openers.len() - 1;
            self.opener_by_phrase.insert(normalized, index);
            self.first_opener_of_head.entry(head_word).or_insert(index);
            if offered {
                match form {
                    OpenerForm::Preambular => self.offered_preambular.push(opener),
                    OpenerForm::Operative => self.offered_operative.push(opener),
                }
            }
        }
    }

    fn add_counterpart(&mut self, line: &'static str) {
        let (preambular, operative, both_ways) = if let Some((left, right)) = line.split_once('=') {
            (left.trim(), right.trim(), true)
        } else if let Some((left, right)) = line.split_once('>') {
            (left.trim(), right.trim(), false)
        } else {
            return;
        };
        let single = !preambular.contains(' ') && !operative.contains(' ');
        if single {
            self.word_pairs
                .entry(preambular.to_lowercase())
                .or_insert(operative);
            if both_ways {
                self.word_pairs
                    .entry(operative.to_lowercase())
                    .or_insert(preambular);
            }
        } else {
            self.phrase_pairs.insert(
                normalize_phrase(preambular),
                (OpenerForm::Operative, operative),
            );
            if both_ways {
                self.phrase_pairs.insert(
                    normalize_phrase(operative),
                    (OpenerForm::Preambular, preambular),
                );
            }
        }
    }

    fn head_of(&self, word: &str) -> Option<usize> {
        with_lowercase(word, |lower| self.head_by_word.get(lower).copied())
    }

    /// The standard head that a British `-ise` spelling stands for: `emphasising` →
    /// `Emphasizing`, `cognisant` → `Cognizant`.
    fn british_variant(&self, lower: &str) -> Option<usize> {
        let mut search_end = lower.len();
        while let Some(position) = lower[..search_end].rfind("is") {
            let candidate = format!("{}iz{}", &lower[..position], &lower[position + 2..]);
            if let Some(&id) = self.head_by_word.get(&candidate) {
                return Some(id);
            }
            search_end = position;
        }
        None
    }

    fn base_form_head(&'static self, lower: &str, form: OpenerForm) -> Option<&'static Head> {
        if lower.len() < 3 || lower.ends_with('s') && form == OpenerForm::Operative {
            return None;
        }
        let british = |word: &str| {
            self.head_by_word
                .get(word)
                .copied()
                .or_else(|| self.british_variant(word))
        };
        let operative = [format!("{lower}s"), format!("{lower}es")]
            .into_iter()
            .find_map(|candidate| british(&candidate))
            .map(|id| &self.heads[id])
            .filter(|head| head.form == OpenerForm::Operative);
        match form {
            OpenerForm::Operative => operative,
            OpenerForm::Preambular => {
                let stem = lower.strip_suffix('e').unwrap_or(lower);
                [format!("{lower}ing"), format!("{stem}ing")]
                    .into_iter()
                    .find_map(|candidate| british(&candidate))
                    .map(|id| &self.heads[id])
                    .filter(|head| head.form == OpenerForm::Preambular)
                    .or_else(|| {
                        let paired = self.word_pairs.get(&operative?.word)?;
                        self.head_of(paired).map(|id| &self.heads[id])
                    })
            }
        }
    }
}

/// Intensifiers that may open a listed phrase (`Deeply concerned`, `Strongly condemns`).
const ADVERBS_IN_LIST: &[&str] = &[
    "deeply",
    "strongly",
    "gravely",
    "seriously",
    "firmly",
    "fully",
    "solemnly",
];

/// The standard adverb a misspelt one (in lower case) stands for (`stronlgy` → `strongly`,
/// `aslo` → `also`).
pub fn nearest_adverb(lower: &str) -> Option<&'static str> {
    if lower.len() < 4 {
        return None;
    }
    let vocabulary = vocabulary();
    let allowed = if lower.len() <= 5 { 1 } else { 2 };
    if vocabulary.adverbs.contains(lower) {
        return None;
    }
    vocabulary
        .adverbs
        .iter()
        .copied()
        .filter(|adverb| adverb.len() >= 4 && could_be_misspelt(lower, adverb, allowed))
        .map(|adverb| (strsim::osa_distance(lower, adverb), adverb))
        .filter(|(distance, _)| *distance <= allowed)
        .min()
        .map(|(_, adverb)| adverb)
}

/// A cheap test before the edit distance: a word within `allowed` slips of `standard` has
/// about its length and shares its first or second letter.
pub(crate) fn could_be_misspelt(word: &str, standard: &str, allowed: usize) -> bool {
    let (word, standard) = (word.as_bytes(), standard.as_bytes());
    word.len().abs_diff(standard.len()) <= allowed
        && (word.first() == standard.first() || word.get(1) == standard.get(1))
}

// ---------------------------------------------------------------------------------------------
// Small text helpers.

/// Run `action` on `word` in lower case, without allocating for short ASCII words.
pub(crate) fn with_lowercase<R>(word: &str, action: impl FnOnce(&str) -> R) -> R {
    if !word
        .bytes()
        .any(|byte| byte.is_ascii_uppercase() || byte >= 0x80)
    {
        return action(word);
    }
    let mut buffer = [0u8; 48];
    if word.len() <= buffer.len() && word.is_ascii() {
        let lowered = &mut buffer[..word.len()];
        lowered.copy_from_slice(word.as_bytes());
        lowered.make_ascii_lowercase();
        action(std::str::from_utf8(lowered).unwrap_or(""))
    } else {
        action(&word.to_lowercase())
    }
}

fn normalize_phrase(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn uppercase_first(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

pub(crate) fn lowercase_first(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_lowercase().chain(characters).collect(),
        None => String::new(),
    }
}

fn floor_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    let mut index = index;
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Texts at the edges of what a reader meets: empty, markers alone, a combining mark, a word
/// cut at a hyphen. The judgement of openers is tried on them too.
#[cfg(test)]
pub(crate) const ODD_TEXTS: &[&str] = &[
    "",
    "*",
    "é",
    "Recalling\u{301}",
    "😀 Recalls",
    "Re-",
    "Also also also",
    "ç*ç",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_head_belongs_to_one_part_and_every_counterpart_exists() {
        let vocabulary = vocabulary();
        for (word, paired) in &vocabulary.word_pairs {
            let from = vocabulary.head_by_word.get(word);
            let to = vocabulary.head_by_word.get(&paired.to_lowercase());
            assert!(from.is_some(), "counterpart of an unknown head `{word}`");
            assert!(
                to.is_some(),
                "`{word}` pairs with an unknown head `{paired}`"
            );
            if let (Some(&from), Some(&to)) = (from, to) {
                assert_ne!(
                    vocabulary.heads[from].form, vocabulary.heads[to].form,
                    "{word}"
                );
            }
        }
        for (phrase, (form, paired)) in &vocabulary.phrase_pairs {
            assert_eq!(form_of(paired), Some(*form), "{phrase} → {paired}");
        }
    }

    #[test]
    fn leading_opener_is_strict() {
        assert_eq!(leading_opener_len("Recalling also that"), Some(14));
        assert_eq!(
            leading_opener_len("Takes note with appreciation of"),
            Some(28)
        );
        assert_eq!(leading_opener_len("Also requests the"), Some(13));
        assert_eq!(leading_opener_len("Deeply concerned that"), Some(16));
        assert_eq!(leading_opener_len("Further, the Council"), None);
        assert_eq!(leading_opener_len("recalling"), None);
        assert_eq!(leading_opener_len("Recognising"), None);
        assert_eq!(leading_opener_len("Bearing the cost"), None);
        assert_eq!(leading_opener_len("States that"), None);
        assert_eq!(leading_opener_len(""), None);
    }

    #[test]
    fn form_and_language_server_helpers() {
        assert_eq!(form_of("Recalling also"), Some(OpenerForm::Preambular));
        assert_eq!(form_of("Deeply concerned"), Some(OpenerForm::Preambular));
        assert_eq!(form_of("Mindful"), Some(OpenerForm::Preambular));
        assert_eq!(form_of("Calls once"), Some(OpenerForm::Operative));
        assert_eq!(form_of("Also"), None);
        assert_eq!(
            repeat_forms("Recalling", OpenerForm::Preambular),
            (
                "Recalling also".to_string(),
                "Recalling further".to_string()
            )
        );
        assert_eq!(
            repeat_forms("Requests", OpenerForm::Operative),
            ("Also requests".to_string(), "Further requests".to_string())
        );
        assert!(describe("Takes note").is_some_and(|text| text.contains("without endorsing")));
        assert!(describe("Also requests").is_some());
        assert!(describe("Strongly condemns").is_some());
        assert!(is_security_council_only("Demands"));
        assert!(!is_security_council_only("Requests"));
        assert_eq!(
            standard_openers(OpenerForm::Preambular)[0].phrase,
            "Recalling"
        );
        assert_eq!(
            standard_openers(OpenerForm::Operative)[0].phrase,
            "Requests"
        );
        assert!(
            standard_openers(OpenerForm::Operative)
                .iter()
                .all(|opener| form_of(opener.phrase) == Some(OpenerForm::Operative))
        );
        assert!(
            standard_openers(OpenerForm::Preambular)
                .iter()
                .all(|opener| form_of(opener.phrase) == Some(OpenerForm::Preambular))
        );
    }

    #[test]
    fn keys_and_repeats() {
        let key = |text: &str| {
            let mut key = String::new();
            read(text, None).write_key(&mut key);
            key
        };
        assert_eq!(key("Recalling also that"), key("Recalling that"));
        assert_ne!(key("Noting with concern"), key("Noting"));
        assert_eq!(key("Further requests"), key("Requests"));
        let reading = read("Encourages* further collaboration", Some(10));
        assert_eq!(reading.repeat(), None);
        let reading = read("Decides further that", None);
        assert!(matches!(
            reading.repeat(),
            Some((Repeat::Further, RepeatPlace::AfterHead, _))
        ));
    }

    #[test]
    fn any_text_reads_without_panicking() {
        for text in ODD_TEXTS {
            let reading = read(text, Some(text.len()));
            let _ = reading.opener_len();
            let _ = leading_opener_len(text);
            let _ = form_of(text);
        }
        let long = "Deeply ".repeat(100);
        let _ = read(&long, None).opener_len();
    }

    /// Everything a reading holds, to compare two readings of one text.
    fn whole(reading: &Reading<'_>) -> (Parsed, bool, Vec<Range<usize>>, bool, usize) {
        let words = (0..reading.words.len)
            .map(|index| reading.words.get(index))
            .collect();
        let ran_out = reading.ran_out.get();
        (
            reading.parsed,
            ran_out,
            words,
            reading.italic,
            reading.italic_end,
        )
    }

    /// Words that openers are made of and words that are not, with the marks around them.
    const PIECES: &[&str] = &[
        "Recalling",
        "recalls",
        "Requests",
        "Also",
        "also",
        "further",
        "Further",
        "once",
        "again",
        "more",
        "Deeply",
        "deeply",
        "Strongly",
        "Kindly",
        "Stronlgy",
        "concerned",
        "Taking",
        "note",
        "with",
        "deep",
        "concern",
        "appreciation",
        "its",
        "the",
        "Noting",
        "Calls",
        "upon",
        "Looks",
        "forward",
        "to",
        "Bearing",
        "in",
        "mind",
        "Having",
        "considered",
        "Expressing",
        "Emphasising",
        "Decides",
        "Urge",
        "States",
        "all",
        "*",
        "_",
        " ",
        ", ",
        "; ",
        "-",
        "'",
        "é",
        "\u{a0}",
    ];

    /// How the texts start: openers, some with a repeat adverb that is one only in italics.
    const OPENINGS: &[&str] = &[
        "Encourages further cooperation",
        "Decides further that",
        "Requests further ",
        "Recalling also ",
        "Also requests ",
        "Deeply concerned ",
        "Taking note with appreciation of ",
        "Calls once again upon ",
        "Expressing its deep concern ",
        "Looks forward ",
        "*Stronlgy urges* ",
        "",
    ];

    proptest::proptest! {
        /// A reading whose parse is remembered from an earlier text is the reading of a parse
        /// of its own, whatever was read before it on the thread, in italics or not.
        #[test]
        fn a_remembered_parse_reads_as_a_parse_of_its_own(
            texts in proptest::collection::vec(
                (
                    proptest::sample::select(OPENINGS),
                    proptest::collection::vec(proptest::sample::select(PIECES), 0..10),
                ),
                1..8,
            ),
            italic_ends in proptest::collection::vec(proptest::option::of(0usize..60), 1..4),
        ) {
            // Each text, italics and mode twice: the second reading finds the first one's parse
            // remembered, and other italics or the other mode find a parse of the same words.
            for _ in 0..2 {
                for (((opening, pieces), italic_end), mode) in texts
                    .iter()
                    .flat_map(|text| italic_ends.iter().map(move |italic_end| (text, italic_end)))
                    .flat_map(|read| [(read, Mode::Lenient), (read, Mode::Strict)])
                {
                    let text = format!("{opening}{}", pieces.concat());
                    let italic_end = italic_end.map(|end| floor_boundary(&text, end));
                    let remembered =
                        read_parsing_with(&text, italic_end, mode, Reading::parse_remembered);
                    let parsed = read_parsing_with(&text, italic_end, mode, Reading::parse);
                    proptest::prop_assert_eq!(whole(&remembered), whole(&parsed), "{:?}", text);
                }
            }
        }
    }
}
