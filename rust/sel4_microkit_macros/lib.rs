// SPDX-License-Identifier: BSD-2-Clause
//
// #[protection_domain], built against the compiler's own proc_macro crate
// only (no syn, no quote): it reads the optional `stack_size = EXPR` and
// `heap_size = EXPR` arguments as token streams and hands them, with the
// function's name, to sel4_microkit::declare_protection_domain!.
extern crate proc_macro;

use proc_macro::{Delimiter, TokenStream, TokenTree};

#[proc_macro_attribute]
pub fn protection_domain(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut stack = String::new();
    let mut heap = String::new();
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
    // declare_protection_domain! does the rest.
    let mut args = format!("init = {name}");
    if !stack.is_empty() {
        args += &format!(", stack_size = {stack}");
    }
    if !heap.is_empty() {
        args += &format!(", heap_size = {heap}");
    }
    let wrapper = format!("::sel4_microkit::declare_protection_domain! {{ {args} }}");
    let mut out = item;
    out.extend(wrapper.parse::<TokenStream>().unwrap());
    out
}

fn error(msg: &str) -> TokenStream {
    format!("compile_error!({:?});", msg).parse().unwrap()
}
