//! Reading a district folder's files for the core: each known file's text,
//! or nothing when the file is not there. The core checks what they hold.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use lianjian::folder::{FileName, Folder};

/// The texts of a folder's files, owned.
pub struct FolderTexts {
    texts: Vec<(FileName, String)>,
}

impl FolderTexts {
    /// Reads every known file of `dir` that is there. A folder that is not
    /// there, or a file that cannot be read or is not UTF-8, stops the
    /// command (named in the error).
    pub fn read(dir: &Path) -> Result<FolderTexts, String> {
        if !dir.is_dir() {
            return Err(format!("{}: not a folder", dir.display()));
        }
        let mut texts = Vec::new();
        for file in FileName::ALL {
            let path: PathBuf = dir.join(file.as_str());
            match std::fs::read(&path) {
                Ok(bytes) => {
                    let text = String::from_utf8(bytes)
                        .map_err(|e| format!("{}: not UTF-8 text: {e}", path.display()))?;
                    texts.push((file, text));
                }
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(e) => return Err(format!("{}: {e}", path.display())),
            }
        }
        Ok(FolderTexts { texts })
    }

    /// The folder as the core reads it.
    pub fn folder(&self) -> Folder<'_> {
        let mut folder = Folder::default();
        for (file, text) in &self.texts {
            folder.set(*file, text);
        }
        folder
    }
}
