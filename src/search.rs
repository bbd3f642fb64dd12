//! Searching the document text, in any script.
