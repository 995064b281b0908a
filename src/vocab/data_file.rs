//! The line format shared by the vocabulary data files beside this code: `[section]` headers,
//! `#` comment lines, blank lines, and entries, one a line.

/// One entry of a data file: a line that is neither blank, a comment nor a section header.
pub struct Entry {
    /// The line's number in the file, from 1, for messages.
    pub number: usize,
    /// The name between the brackets of the last section header above, or "" before any.
    pub section: &'static str,
    /// The line without the whitespace around it.
    pub text: &'static str,
}

/// The entries of `data`, in order.
pub fn entries(data: &'static str) -> impl Iterator<Item = Entry> {
    let mut section = "";
    data.lines().enumerate().filter_map(move |(index, line)| {
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            return None;
        }
        if let Some(name) = text
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            section = name;
            return None;
        }
        Some(Entry {
            number: index + 1,
            section,
            text,
        })
    })
}
