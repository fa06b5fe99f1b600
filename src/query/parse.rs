//! The query language's parser: text → [`Node`] tree, or a [`QueryError`]
//! with the column of the problem.
//!
//! Grammar (Google-style: `OR` binds tighter than the implicit AND of
//! terms side by side, so `a b OR c` is `a AND (b OR c)`):
//!
//! ```text
//! query := all*                      (empty: everything)
//! all   := any ("AND"? any)*
//! any   := unary ("OR" unary)*
//! unary := ("-" | "NOT") unary | "(" all ")" | term
//! term  := word | "phrase" | field ":" value
//! ```

use std::fmt;

use super::fold::fold;
use crate::model::Status;
use crate::time::Date;

/// A parsed query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    /// Matches everything (the empty query).
    All,
    /// One condition.
    Term(Term),
    /// Every part must match.
    And(Vec<Node>),
    /// At least one part must match.
    Or(Vec<Node>),
    /// The part must not match.
    Not(Box<Node>),
}

/// What one term asks of an event. Text is kept folded
/// ([`super::fold::fold`]): lower case, without diacritics.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A word or phrase anywhere: title, description, source names, tags,
    /// further fields, or the lane's title.
    Text(String),
    /// `title:` — in the title only.
    Title(String),
    /// `lane:` — the lane's id (exactly) or its title (contains).
    Lane(String),
    /// `tag:` — one of the tags contains it.
    Tag(String),
    /// `source:` — one of the source names contains it.
    Source(String),
    /// `status:a,b` — one of these statuses; `None` stands for "no status".
    Status(Vec<Option<Status>>),
    /// `after:D` — some part of the event is on or after the date (at its
    /// precision: `after:2025-11` includes all of November).
    After(Date),
    /// `before:D` — some part of the event is on or before the date (at
    /// its precision: `before:2025-11` includes all of November).
    Before(Date),
    /// `has:` — the event has this kind of content.
    Has(Has),
}

/// What `has:` can ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Has {
    /// Links to other events.
    Links,
    /// At least one source.
    Sources,
    /// At least one tag.
    Tags,
    /// A description.
    Description,
    /// An end: a range, not a moment.
    End,
}

impl Has {
    /// Every value, with its word, in the order messages list them.
    pub const ALL: [(&'static str, Self); 5] = [
        ("links", Self::Links),
        ("sources", Self::Sources),
        ("tags", Self::Tags),
        ("description", Self::Description),
        ("end", Self::End),
    ];
}

/// The field names the language knows, in the order messages list them.
pub const FIELDS: [&str; 8] = [
    "lane", "tag", "status", "source", "title", "after", "before", "has",
];

/// Why a query could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct QueryError {
    /// 1-based column (in characters) where the problem is.
    pub column: usize,
    /// What is wrong and how to fix it, for a person.
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

fn error<T>(column: usize, message: impl Into<String>) -> Result<T, QueryError> {
    // Messages quote the query's own words, which may carry control or
    // bidi characters (pasted text); escaped, they cannot steer a terminal.
    let message = message.into();
    Err(QueryError {
        column,
        message: crate::escape::escape(&message).into_owned(),
    })
}

/// One token, with the 1-based column of its first character.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Word(String),
    Phrase(String),
    /// `name:value`; the value's column is kept for its own errors.
    Field {
        name: String,
        value: String,
        value_column: usize,
    },
    Open,
    Close,
    Minus,
    Or,
    And,
    Not,
}

fn tokenize(text: &str) -> Result<Vec<(Token, usize)>, QueryError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let column = i + 1;
        if c.is_whitespace() {
            i += 1;
        } else if c == '(' {
            tokens.push((Token::Open, column));
            i += 1;
        } else if c == ')' {
            tokens.push((Token::Close, column));
            i += 1;
        } else if c == '"' {
            let (phrase, next) = quoted(&chars, i)?;
            tokens.push((Token::Phrase(phrase), column));
            i = next;
        } else if c == '-'
            && chars
                .get(i + 1)
                .is_none_or(|n| n.is_whitespace() || *n == ')')
        {
            return error(
                column,
                "`-` must be followed by what to exclude, as in -denied",
            );
        } else if c == '-' {
            tokens.push((Token::Minus, column));
            i += 1;
        } else {
            let start = i;
            while i < chars.len() && !is_break(chars[i]) {
                if chars[i] == ':'
                    && i > start
                    && chars[start..i].iter().all(char::is_ascii_alphabetic)
                {
                    let name: String = chars[start..i].iter().collect();
                    let value_column = i + 2;
                    let (value, next) = if chars.get(i + 1) == Some(&'"') {
                        quoted(&chars, i + 1)?
                    } else {
                        let mut end = i + 1;
                        while end < chars.len() && !is_break(chars[end]) {
                            end += 1;
                        }
                        (chars[i + 1..end].iter().collect(), end)
                    };
                    tokens.push((
                        Token::Field {
                            name: name.to_ascii_lowercase(),
                            value,
                            value_column,
                        },
                        column,
                    ));
                    i = next;
                    break;
                }
                i += 1;
            }
            if i > start && !matches!(tokens.last(), Some((Token::Field { .. }, c)) if *c == column)
            {
                let word: String = chars[start..i].iter().collect();
                tokens.push((
                    match word.as_str() {
                        "OR" => Token::Or,
                        "AND" => Token::And,
                        "NOT" => Token::Not,
                        _ => Token::Word(word),
                    },
                    column,
                ));
            }
        }
    }
    Ok(tokens)
}

/// Characters that end a word.
fn is_break(c: char) -> bool {
    c.is_whitespace() || c == '(' || c == ')' || c == '"'
}

/// The text of the quotes opening at `open`, and the index after them.
fn quoted(chars: &[char], open: usize) -> Result<(String, usize), QueryError> {
    let close = chars[open + 1..].iter().position(|&c| c == '"');
    match close {
        Some(len) => Ok((
            chars[open + 1..open + 1 + len].iter().collect(),
            open + len + 2,
        )),
        None => error(open + 1, "unclosed quote: add a closing \""),
    }
}

/// Reads `text` as a query.
///
/// # Errors
/// A [`QueryError`] naming the column of the first problem.
pub fn parse(text: &str) -> Result<Node, QueryError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        end_column: text.chars().count() + 1,
        depth: 0,
    };
    if parser.tokens.is_empty() {
        return Ok(Node::All);
    }
    let node = parser.all()?;
    match parser.peek() {
        None => Ok(node),
        Some((Token::Close, column)) => error(column, "`)` without a matching `(`"),
        Some((_, column)) => error(column, "unexpected text"),
    }
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    at: usize,
    end_column: usize,
    /// Brackets and negations open around the term being read.
    depth: usize,
}

/// How deep brackets and negations may nest: far beyond any query a
/// person writes, far below what the parser's and the matcher's recursion
/// could take on a thread's stack (a pasted `((((…` of 10,000 must be an
/// error, not a crash).
const MAX_DEPTH: usize = 100;

impl Parser {
    fn peek(&self) -> Option<(Token, usize)> {
        self.tokens.get(self.at).cloned()
    }

    fn next(&mut self) -> Option<(Token, usize)> {
        let token = self.peek();
        self.at += 1;
        token
    }

    fn all(&mut self) -> Result<Node, QueryError> {
        let mut parts = vec![self.any()?];
        loop {
            match self.peek() {
                None | Some((Token::Close, _)) => break,
                Some((Token::And, column)) => {
                    self.at += 1;
                    if matches!(
                        self.peek(),
                        None | Some((Token::Close | Token::Or | Token::And, _))
                    ) {
                        return error(column, "AND needs a term on each side");
                    }
                }
                Some(_) => {}
            }
            parts.push(self.any()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::And(parts)
        })
    }

    fn any(&mut self) -> Result<Node, QueryError> {
        let mut parts = vec![self.unary()?];
        while let Some((Token::Or, column)) = self.peek() {
            self.at += 1;
            if matches!(
                self.peek(),
                None | Some((Token::Close | Token::Or | Token::And, _))
            ) {
                return error(column, "OR needs a term on each side");
            }
            parts.push(self.unary()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Node::Or(parts)
        })
    }

    fn unary(&mut self) -> Result<Node, QueryError> {
        self.depth += 1;
        let node = self.nested();
        self.depth -= 1;
        node
    }

    fn nested(&mut self) -> Result<Node, QueryError> {
        let Some((token, column)) = self.next() else {
            return error(self.end_column, "the query ends where a term was expected");
        };
        if self.depth > MAX_DEPTH && matches!(token, Token::Open | Token::Minus | Token::Not) {
            return error(
                column,
                format!("brackets and negations nest more than {MAX_DEPTH} deep here"),
            );
        }
        match token {
            Token::Minus | Token::Not => {
                if matches!(
                    self.peek(),
                    None | Some((Token::Close | Token::Or | Token::And, _))
                ) {
                    return error(column, "nothing to exclude after it");
                }
                Ok(Node::Not(Box::new(self.unary()?)))
            }
            Token::Open => {
                if matches!(self.peek(), Some((Token::Close, _))) {
                    return error(column, "empty parentheses");
                }
                let inner = self.all()?;
                match self.next() {
                    Some((Token::Close, _)) => Ok(inner),
                    _ => error(column, "`(` is never closed: add a `)`"),
                }
            }
            Token::Close => error(column, "`)` without a matching `(`"),
            Token::Or | Token::And => error(
                column,
                "OR and AND go between terms (write \"OR\" in quotes to search for the word)",
            ),
            Token::Word(word) => Ok(text_term(&word)),
            Token::Phrase(phrase) => {
                let folded = fold(&phrase);
                if folded.is_empty() {
                    return error(column, "empty quotes");
                }
                Ok(Node::Term(Term::Text(folded)))
            }
            // "FT:" is a word ending in a colon, not a field.
            Token::Field { name, value, .. }
                if value.is_empty() && !FIELDS.contains(&name.as_str()) =>
            {
                Ok(text_term(&format!("{name}:")))
            }
            Token::Field {
                name,
                value,
                value_column,
            } => field(&name, &value, column, value_column).map(Node::Term),
        }
    }
}

/// A word folds to search text; one that folds to nothing (only marks)
/// matches everything rather than nothing.
fn text_term(word: &str) -> Node {
    let folded = fold(word);
    if folded.is_empty() {
        Node::All
    } else {
        Node::Term(Term::Text(folded))
    }
}

fn field(name: &str, value: &str, column: usize, value_column: usize) -> Result<Term, QueryError> {
    if !FIELDS.contains(&name) {
        let hint = FIELDS
            .iter()
            .find(|f| close_to(name, f))
            .map_or_else(String::new, |f| format!(" (did you mean `{f}:`?)"));
        return error(
            column,
            format!(
                "unknown field `{name}:`{hint}; fields are {}; put the text in quotes to search for it",
                FIELDS.map(|f| format!("{f}:")).join(" ")
            ),
        );
    }
    if value.trim().is_empty() {
        return error(
            column,
            format!("`{name}:` needs a value, as in {}", example(name)),
        );
    }
    let folded = fold(value);
    Ok(match name {
        "lane" => Term::Lane(folded),
        "tag" => Term::Tag(folded),
        "source" => Term::Source(folded),
        "title" => Term::Title(folded),
        "status" => Term::Status(statuses(value, value_column)?),
        "after" | "before" => {
            let date = Date::parse(value).or_else(|e| {
                error(
                    value_column,
                    format!(
                        "`{value}` is not a date ({e}); write it like 2025-11-01, 2025-11 or 2025"
                    ),
                )
            })?;
            if name == "after" {
                Term::After(date)
            } else {
                Term::Before(date)
            }
        }
        _ => {
            let Some(&(_, has)) = Has::ALL.iter().find(|(w, _)| *w == folded) else {
                return error(
                    value_column,
                    format!(
                        "`has:{value}` is not something an event can have; use has:{}",
                        Has::ALL.map(|(w, _)| w).join(", has:")
                    ),
                );
            };
            Term::Has(has)
        }
    })
}

fn statuses(value: &str, value_column: usize) -> Result<Vec<Option<Status>>, QueryError> {
    let mut out = Vec::new();
    let mut column = value_column;
    for part in value.split(',') {
        let word = part.trim();
        if word.is_empty() {
            return error(column, "an empty status between commas");
        }
        let status = if word.eq_ignore_ascii_case("none") {
            None
        } else {
            match Status::parse(word) {
                Some(status) => Some(status),
                None => {
                    return error(
                        column,
                        format!(
                            "unknown status `{word}`; statuses are {}, none",
                            Status::ALL.map(Status::as_str).join(", ")
                        ),
                    );
                }
            }
        };
        out.push(status);
        column += part.chars().count() + 1;
    }
    Ok(out)
}

fn example(name: &str) -> &'static str {
    match name {
        "lane" => "lane:kremlin",
        "tag" => "tag:summit",
        "status" => "status:denied,disputed",
        "source" => "source:reuters",
        "title" => "title:budapest",
        "after" => "after:2025-11-01",
        "before" => "before:2025-11",
        _ => "has:links",
    }
}

/// True when `a` is one edit (or one swap of neighbours) away from `b`.
fn close_to(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b {
        return true;
    }
    match a.len().abs_diff(b.len()) {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && a[diff[0]] == b[diff[1]]
                    && a[diff[1]] == b[diff[0]])
        }
        1 => {
            let (short, long) = if a.len() < b.len() {
                (&a, &b)
            } else {
                (&b, &a)
            };
            (0..long.len()).any(|skip| {
                long.iter()
                    .enumerate()
                    .filter(|&(i, _)| i != skip)
                    .map(|(_, c)| c)
                    .eq(short.iter())
            })
        }
        _ => false,
    }
}
