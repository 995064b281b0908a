//! Editor features over a draft, in byte offsets and plain data: outline, folding, navigation,
//! completion and hover. Only `lsp/` turns them into protocol types.

pub mod completion;
pub mod folding;
pub mod hover;
pub mod navigation;
pub mod outline;
pub mod version_analysis;
