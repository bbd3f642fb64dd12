//! `--dump` and `--toc`: the laid-out text and the section list, for pipes.
