use std::process::ExitCode;

/// Building a site allocates millions of small strings and values (spreadsheet cells, page
/// contexts) from several threads at once; mimalloc does that markedly faster than the
/// system allocator (see the closing note of issue #8 for the measurement).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    oko::cli::run(oko::cli::parse())
}
