// SPDX-License-Identifier: BSD-2-Clause
//
// #[protection_domain], built against the compiler's own proc_macro crate
// only (no syn, no quote): it reads the optional `stack_size = EXPR` and
// `heap_size = EXPR` arguments as token streams and wraps the function in the
// C entry point init(), which sel4_microkit::__run turns into the PD's loop.
extern crate proc_macro;

use proc_macro::{Delimiter, TokenStream, TokenTree};

#[proc_macro_attribute]
pub fn protection_domain(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut stack = String::from("0");
    let mut heap = String::from("0");
    let tokens: Vec<TokenTree> = attr.into_iter().collect();
    for arg in tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == ',')) {
        if arg.is_empty() {
            continue;
        }
        let key = match (&arg[0], arg.get(1)) {
            (TokenTree::Ident(k), Some(TokenTree::Punct(p))) if p.as_char() == '=' => k.to_string(),
            _ => return error("expected `stack_size = EXPR` or `heap_size = EXPR`"),
        };
        let value: TokenStream = arg[2..].iter().cloned().collect();
        match key.as_str() {
            "stack_size" => stack = value.to_string(),
            "heap_size" => heap = value.to_string(),
            _ => return error("unknown argument: expected `stack_size` or `heap_size`"),
        }
    }
    // The function's name: the identifier after `fn`.
    let item_tokens: Vec<TokenTree> = item.clone().into_iter().collect();
    let name = item_tokens
        .windows(2)
        .find_map(|w| match (&w[0], &w[1]) {
            (TokenTree::Ident(f), TokenTree::Ident(n)) if f.to_string() == "fn" => Some(n.to_string()),
            _ => None,
        });
    let name = match name {
        Some(n) => n,
        None => return error("#[protection_domain] goes on a function"),
    };
    if !item_tokens.iter().any(|t| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace)) {
        return error("#[protection_domain] goes on a function with a body");
    }
    // The C entry point libmicrokit's main() calls, under another Rust name
    // than the PD's function (which is often `init` too).
    let wrapper = format!(
        "const _: () = {{
            #[export_name = \"init\"]
            extern \"C\" fn __sel4_microkit_init() {{
                const HEAP_SIZE: usize = {heap};
                const STACK_SIZE: usize = {stack};
                static mut HEAP: [u8; HEAP_SIZE] = [0; HEAP_SIZE];
                static mut STACK: ::sel4_microkit::_private::Stack<STACK_SIZE> =
                    ::sel4_microkit::_private::Stack::new();
                unsafe {{
                    ::sel4_microkit::_private::run(HEAP.as_mut_ptr(), HEAP_SIZE, STACK.top(), {name})
                }}
            }}
        }};"
    );
    let mut out = item;
    out.extend(wrapper.parse::<TokenStream>().unwrap());
    out
}

fn error(msg: &str) -> TokenStream {
    format!("compile_error!({:?});", msg).parse().unwrap()
}
