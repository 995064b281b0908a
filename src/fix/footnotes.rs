//! Renumbering footnotes in order of first use, markers and texts together.
