#include "seed/DomainColumns.h"

#include <QRegularExpression>

namespace loam {

namespace {

struct Domain {
    QString name;
    QString baseType;
    QList<Check> checks;   // expressions over VALUE
};

// "CREATE DOMAIN name AS base [COLLATE c] [DEFAULT d] [NOT NULL] [CONSTRAINT n] CHECK (...) ...".
std::optional<Domain> parseDomain(const Object &o)
{
    static const QRegularExpression head(QStringLiteral(R"(^\s*CREATE\s+DOMAIN\s+\S+\s+AS\s+)"), QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = head.match(o.ddl);
    if (!m.hasMatch())
        return std::nullopt;
    Domain d;
    d.name = o.name;
    const QString rest = o.ddl.mid(m.capturedEnd());
    static const QRegularExpression end(QStringLiteral(R"(\s+(COLLATE|DEFAULT|NOT\s+NULL|NULL|CONSTRAINT|CHECK)\b)"),
                                        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch e = end.match(rest);
    d.baseType = (e.hasMatch() ? rest.left(e.capturedStart()) : rest).trimmed();
    // Each CHECK with the name of the CONSTRAINT before it, its expression up to the closing parenthesis.
    static const QRegularExpression check(QStringLiteral(R"((?:CONSTRAINT\s+("[^"]+"|\S+)\s+)?CHECK\s*\()"),
                                          QRegularExpression::CaseInsensitiveOption);
    for (auto it = check.globalMatch(rest); it.hasNext();) {
        const QRegularExpressionMatch c = it.next();
        int depth = 1, i = int(c.capturedEnd());
        const int from = i;
        bool quoted = false;
        for (; i < rest.size() && depth > 0; ++i) {
            if (rest[i] == u'\'')
                quoted = !quoted;
            else if (!quoted && rest[i] == u'(')
                ++depth;
            else if (!quoted && rest[i] == u')')
                --depth;
        }
        if (depth != 0)
            break;
        QString name = c.captured(1);
        if (name.startsWith(u'"'))
            name = name.mid(1, name.size() - 2);
        d.checks << Check{name, rest.mid(from, i - 1 - from).trimmed()};
    }
    return d;
}

bool typeIsDomain(const QString &type, const QString &domain)
{
    return type == domain || type.endsWith(QLatin1Char('.') + domain) || type == QLatin1Char('"') + domain + QLatin1Char('"');
}

}  // namespace

Schema withDomainsResolved(const Schema &schema, QStringList *domainChecks)
{
    QList<Domain> domains;
    for (const Object &o : schema.objects)
        if (o.kind == u"domain")
            if (std::optional<Domain> d = parseDomain(o))
                domains << *d;
    if (domains.isEmpty())
        return schema;
    Schema out = schema;
    static const QRegularExpression value(QStringLiteral(R"(\bVALUE\b)"));
    for (Table &t : out.tables)
        for (Column &c : t.columns)
            for (const Domain &d : std::as_const(domains)) {
                if (!typeIsDomain(c.type, d.name))
                    continue;
                c.type = d.baseType;
                for (const Check &ch : d.checks) {
                    QString expr = ch.expression;
                    expr.replace(value, c.name);
                    t.checks << Check{ch.name, expr};
                    if (domainChecks)
                        *domainChecks << t.name + QLatin1Char('\x1f') + ch.name;
                }
                break;
            }
    return out;
}

}  // namespace loam
