//! The one integration-test binary: builds fixture digests and the real
//! digest into temporary folders and checks what comes out.

mod annotations;
mod check;
mod cli;
mod corrections;
mod determinism;
mod diagnostics_doc;
mod diff;
mod digest;
mod editorial;
mod formats;
mod fuzz;
mod golden;
mod harness;
mod hostile_input;
mod import;
mod languages;
mod links;
mod pages;
mod publish;
mod pull_request;
mod reader;
mod scaffold;
mod search;
mod serve;
mod source_view;
mod theme;
mod typos;
mod workflows;
mod writes;
