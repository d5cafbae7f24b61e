// SqlLexer: QScintilla's SQL lexer with the engine's own keywords added and table names highlighted.
#pragma once

#include "engines/Engine.h"

#include <Qsci/qscilexersql.h>
#include <QByteArray>
#include <QStringList>

namespace loam {

class SqlLexer : public QsciLexerSQL {
    Q_OBJECT
public:
    SqlLexer(Engine engine, QObject *parent = nullptr);
    // The keywords of engine (the editor follows a connection to another engine).
    void setEngine(Engine engine);
    // Words shown in the table-name style (keyword set 5).
    void setTableNames(const QStringList &names);
    const char *keywords(int set) const override;

private:
    QByteArray m_keywords;
    QByteArray m_tables;
};

}  // namespace loam
