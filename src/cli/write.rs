//! Writing a fixed draft in place without ever leaving a half-written file: the new text goes to
//! a temporary file in the same folder, is flushed to disk with the original's permissions, and
//! is renamed over the original only if the original still holds what was read.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why a fixed file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file on disk no longer holds the text that was checked: someone (an editor, another
    /// run) changed it meanwhile. Writing would lose their change.
    ChangedOnDisk,
    Io {
        action: &'static str,
        error: io::Error,
    },
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::ChangedOnDisk => f.write_str(
                "the file changed on disk after it was read, so the fixes were not written; \
                 check it again",
            ),
            WriteError::Io { action, error } => write!(f, "cannot {action}: {error}"),
        }
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::ChangedOnDisk => None,
            WriteError::Io { error, .. } => Some(error),
        }
    }
}

fn io_error(action: &'static str) -> impl FnOnce(io::Error) -> WriteError {
    move |error| WriteError::Io { action, error }
}

/// Replace the contents of `path` with `contents`, provided the file still holds `expected`.
pub fn replace_file(path: &Path, expected: &[u8], contents: &[u8]) -> Result<(), WriteError> {
    replace_file_with_hook(path, expected, contents, || {})
}

/// [`replace_file`], running `before_final_check` after the temporary file is complete and
/// before the original is compared and replaced; tests use it to change the file at exactly
/// that moment.
pub fn replace_file_with_hook(
    path: &Path,
    expected: &[u8],
    contents: &[u8],
    before_final_check: impl FnOnce(),
) -> Result<(), WriteError> {
    // Write through a symbolic link to its target rather than replacing the link itself.
    let target = fs::canonicalize(path).map_err(io_error("resolve the file's path"))?;
    let folder = target
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let metadata = fs::metadata(&target).map_err(io_error("read the file's permissions"))?;
    let file_name = target
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();

    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{file_name}."))
        .suffix(".resolution-ls.tmp")
        .tempfile_in(&folder)
        .map_err(io_error("create a temporary file beside it"))?;
    temporary
        .write_all(contents)
        .map_err(io_error("write the temporary file"))?;
    fs::set_permissions(temporary.path(), metadata.permissions()).map_err(io_error(
        "give the temporary file the original's permissions",
    ))?;
    temporary
        .as_file()
        .sync_all()
        .map_err(io_error("flush the temporary file to disk"))?;

    before_final_check();

    // The comparison and the rename are two steps, so a change landing between them is not
    // seen; everything before this point is, including a change made while the fixes were
    // computed. Dropping `temporary` on an early return deletes it.
    let current = fs::read(&target).map_err(io_error("read the file again"))?;
    if current != expected {
        return Err(WriteError::ChangedOnDisk);
    }
    temporary.persist(&target).map_err(|error| WriteError::Io {
        action: "rename the temporary file over the original",
        error: error.error,
    })?;
    sync_folder(&folder);
    Ok(())
}

/// Flush the folder entry of the rename to disk, where the platform allows it. A failure here
/// leaves the new file in place and readable, so it is not reported.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = fs::File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn the_file_is_replaced_and_no_temporary_file_is_left() -> Result<(), Box<dyn std::error::Error>>
    {
        let folder = tempfile::tempdir()?;
        let path = folder.path().join("draft.md");
        fs::write(&path, "old")?;
        replace_file(&path, b"old", b"new")?;
        assert_eq!(fs::read_to_string(&path)?, "new");
        assert_eq!(entries(folder.path()), vec!["draft.md"]);
        Ok(())
    }

    #[test]
    fn a_change_on_disk_before_the_rename_is_refused() -> Result<(), Box<dyn std::error::Error>> {
        let folder = tempfile::tempdir()?;
        let path = folder.path().join("draft.md");
        fs::write(&path, "old")?;
        let result = replace_file_with_hook(&path, b"old", b"new", || {
            let _ = fs::write(&path, "edited meanwhile");
        });
        assert!(matches!(result, Err(WriteError::ChangedOnDisk)));
        assert_eq!(fs::read_to_string(&path)?, "edited meanwhile");
        assert_eq!(entries(folder.path()), vec!["draft.md"]);
        Ok(())
    }

    #[test]
    fn a_same_length_change_is_seen_too() -> Result<(), Box<dyn std::error::Error>> {
        let folder = tempfile::tempdir()?;
        let path = folder.path().join("draft.md");
        fs::write(&path, "abc")?;
        let result = replace_file_with_hook(&path, b"abc", b"xyz", || {
            let _ = fs::write(&path, "abd");
        });
        assert!(matches!(result, Err(WriteError::ChangedOnDisk)));
        assert_eq!(fs::read_to_string(&path)?, "abd");
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() -> Result<(), Box<dyn std::error::Error>> {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir()?;
        let path = folder.path().join("draft.md");
        fs::write(&path, "old")?;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640))?;
        replace_file(&path, b"old", b"new")?;
        assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o640);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_written_through() -> Result<(), Box<dyn std::error::Error>> {
        let folder = tempfile::tempdir()?;
        let target = folder.path().join("real.md");
        let link = folder.path().join("link.md");
        fs::write(&target, "old")?;
        std::os::unix::fs::symlink(&target, &link)?;
        replace_file(&link, b"old", b"new")?;
        assert!(fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert_eq!(fs::read_to_string(&target)?, "new");
        Ok(())
    }
}
