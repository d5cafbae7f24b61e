// The shared spellings for objects Loam keeps as DDL (triggers, functions, ...): dropping one, and
// comparing two versions by their text.
#include "engines/Dialect.h"

#include <QRegularExpression>

namespace loam {

QString Dialect::dropObjectStatement(const Object &object) const
{
    // A routine's name may carry its argument types: "add(integer, integer)" quotes only "add".
    QString name = object.name;
    QString arguments;
    if (const int paren = int(name.indexOf(QLatin1Char('('))); paren > 0) {
        arguments = name.mid(paren);
        name = name.left(paren);
    }
    return QStringLiteral("DROP %1 %2%3").arg(object.kind.toUpper(), quoteIdentifier(name), arguments);
}

bool Dialect::replacesInPlace(const Object &object) const
{
    static const QRegularExpression orReplace(QStringLiteral(R"(^\s*CREATE\s+OR\s+REPLACE\b)"),
                                              QRegularExpression::CaseInsensitiveOption);
    return orReplace.match(object.ddl).hasMatch();
}

QString Dialect::canonicalObjectDdl(const QString &ddl)
{
    QString s = ddl.simplified();
    while (s.endsWith(QLatin1Char(';')))
        s = s.chopped(1).trimmed();
    return s;
}

}  // namespace loam
