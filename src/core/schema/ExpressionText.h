// ExpressionText: one spelling for a SQL check or index expression, so the engine's rewrite of it compares equal.
#pragma once

#include <QString>

namespace loam {

// Lower case, without quotes, casts, white space and the parentheses that change nothing: those
// around a single value, around the whole expression, and around a part whose operators bind
// tighter than its neighbours' ("((a > 0) AND (b > 0))" reads as "a>0andb>0"). Parentheses that
// matter stay: "(a+b)*c" and "a+b*c" stay different, as do call and IN-list parentheses.
QString canonicalSqlExpression(const QString &expression);

// The same for a view's SELECT, also without what engines add when they store one: a trailing
// ";", "col AS col", and the table's name before each column of a view that reads one table
// ("SELECT id FROM posts" and MariaDB's "select `posts`.`id` AS `id` from `posts`" read alike).
QString canonicalViewDefinition(const QString &definition);

}  // namespace loam
