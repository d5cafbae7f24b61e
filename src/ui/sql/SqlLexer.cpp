#include "ui/sql/SqlLexer.h"

#include "engines/Dialect.h"

namespace loam {

SqlLexer::SqlLexer(Engine engine, QObject *parent) : QsciLexerSQL(parent)
{
    setEngine(engine);
}

void SqlLexer::setEngine(Engine engine)
{
    m_keywords = QByteArray(QsciLexerSQL::keywords(1)) + ' '
                 + Dialect::forEngine(engine).editorKeywords().join(u' ').toLower().toUtf8();
}

void SqlLexer::setTableNames(const QStringList &names)
{
    QStringList words;
    for (const QString &n : names)
        if (!n.contains(u' '))
            words << n.toLower();   // the lexer compares lower case
    m_tables = words.join(u' ').toUtf8();
}

const char *SqlLexer::keywords(int set) const
{
    if (set == 1)
        return m_keywords.constData();
    if (set == 5)
        return m_tables.constData();
    return QsciLexerSQL::keywords(set);
}

}  // namespace loam
