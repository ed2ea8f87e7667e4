//! How a query is analysed and scored against the demo catalogue:
//! `cargo run -p rathaus-search --example explain -- "mein Perso ist abgelaufen"`

fn main() {
    let index = rathaus_search::catalog::demo_index();
    for query in std::env::args().skip(1) {
        println!("== {query}");
        for line in index.explain(&query, 3) {
            println!("{line}");
        }
    }
}
