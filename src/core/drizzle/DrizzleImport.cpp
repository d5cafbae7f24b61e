#include "drizzle/DrizzleImport.h"
#include "util/Limits.h"

#include "engines/DrizzleFlavour.h"
#include "engines/EngineBackend.h"
#include "engines/Dialect.h"
#include "drizzle/DrizzleReader.h"
#include "drizzle/DrizzleRelations.h"
#include "drizzle/DrizzleTypes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace loam::drizzle_reader {

using drizzle::BuilderCall;

void Importer::addModule(const ts::Module &module, const QString &file)
{
    m_file = file;
    for (const ts::ImportDecl &imp : module.imports) {
        const std::optional<Engine> core = coreOf(imp.module);
        if (core) {
            setFlavour(*core, imp.pos);
            for (int i = 0; i < imp.imported.size(); ++i) {
                if (imp.imported[i] == u"*")
                    m_namespaces.insert(imp.local[i]);
                else
                    m_alias.insert(imp.local[i], imp.imported[i]);
            }
        } else if (imp.module.startsWith(u'.')) {
            for (int i = 0; i < imp.imported.size(); ++i)
                if (imp.imported[i] != u"*" && imp.imported[i] != imp.local[i])
                    m_varAlias.insert(imp.local[i], imp.imported[i]);
        } else if (imp.module == u"drizzle-orm" || imp.module == u"drizzle-orm/relations") {
            for (int i = 0; i < imp.imported.size(); ++i)
                m_alias.insert(imp.local[i], imp.imported[i]);
        }
    }
    for (const ts::Declaration &d : module.declarations) {
        if (!d.value)
            continue;
        declaration(d);
    }
}

DrizzleImport Importer::finish()
{
    if (m_tables.isEmpty() && m_relations.isEmpty())
        throw Failure{QStringLiteral("%1: no tables found: expected mysqlTable(), pgTable() or sqliteTable() declarations")
                          .arg(m_file)};
    resolveForeignKeys();
    DrizzleImport out;
    out.flavour = m_flavour.value_or(kDefaultDrizzleEngine);
    out.schema.engine = target();
    for (TableInfo &t : m_tables) {
        finishTable(t);
        out.schema.tables << t.table;
        out.tableOfExport.insert(t.var, t.table.name);
        QMap<QString, QString> &keys = out.columnOfKey[t.table.name];
        for (auto k = t.keyToColumn.cbegin(); k != t.keyToColumn.cend(); ++k)
            keys.insert(k.key(), k.value());
    }
    out.schema.enums = m_enumTypes;
    for (const PendingRelations &r : m_relations)
        readRelations(r, out);
    out.warnings = m_warnings;
    return out;
}

void Importer::fail(ts::Position pos, const QString &message, const QString &file) const
{
    throw Failure{ts::located(file.isEmpty() ? m_file : file, pos, message)};
}

std::optional<Engine> Importer::coreOf(const QString &module)
{
    if (const EngineBackend *b = EngineBackend::forDrizzleModule(module))
        return b->engine();
    return std::nullopt;
}

void Importer::setFlavour(Engine e, ts::Position pos)
{
    if (m_flavour && *m_flavour != e)
        fail(pos, QStringLiteral("this file mixes %1 and %2 tables; Loam reads one engine per schema")
                      .arg(engineDisplayName(*m_flavour), engineDisplayName(e)));
    m_flavour = e;
}

ts::Position Importer::startOf(const NodePtr &node)
{
    NodePtr n = node;
    while ((n->is(K::Call) || n->is(K::Member) || n->is(K::Tagged) || n->is(K::Operator)) && !n->children.isEmpty())
        n = n->children[0];
    return n->pos;
}

QString Importer::calleeName(const NodePtr &callee, const QStringList &params) const
{
    if (callee->is(K::Identifier))
        return canonical(callee->text);
    if (callee->is(K::Member) && callee->children[0]->is(K::Identifier)
        && (m_namespaces.contains(callee->children[0]->text) || params.contains(callee->children[0]->text)))
        return callee->text;
    return {};
}

Chain Importer::chain(const NodePtr &node, const QStringList &params) const
{
    Chain c;
    NodePtr n = node;
    while (n->is(K::Call)) {
        const NodePtr callee = n->children[0];
        const QString name = calleeName(callee, params);
        if (!name.isEmpty() || !callee->is(K::Member)) {
            c.base = name;
            c.baseCall = n;
            c.baseArgs = n->children.mid(1);
            return c;
        }
        c.links.prepend({callee->text, n->children.mid(1), callee->pos});
        n = callee->children[0];
    }
    c.baseCall = n;
    return c;
}

void Importer::declaration(const ts::Declaration &d)
{
    const NodePtr v = d.value;
    if (!v->is(K::Call))
        return;
    const Chain c = chain(v);
    if (c.base == u"mysqlTable" || c.base == u"pgTable" || c.base == u"sqliteTable") {
        if (!c.links.isEmpty())
            warn(c.links.first().pos, QStringLiteral("'.%1()' after the table is not read").arg(c.links.first().name));
        readTable(d.name, c);
    } else if (c.base == u"pgEnum" || c.base == u"mysqlEnum") {
        readEnumDeclaration(d.name, c);
    } else if (c.base == u"relations") {
        if (c.baseArgs.size() < 2 || !c.baseArgs[0]->is(K::Identifier))
            fail(v->pos, QStringLiteral("relations() needs a table and a callback"));
        m_relations << PendingRelations{tableVar(c.baseArgs[0]->text), v, m_file};
    } else if (c.base == u"mysqlTableCreator" || c.base == u"pgTableCreator" || c.base == u"sqliteTableCreator"
               || c.base == u"pgSchema" || c.base == u"mysqlSchema") {
        warn(v->pos, QStringLiteral("'%1' is not supported; tables made with it are not read").arg(c.base));
    }
}

void Importer::readEnumDeclaration(const QString &var, const Chain &c)
{
    if (c.baseArgs.size() < 2 || !c.baseArgs[0]->is(K::String) || !c.baseArgs[1]->is(K::Array))
        fail(c.baseCall->pos, QStringLiteral("%1() needs a name and an array of values").arg(c.base));
    EnumType e;
    e.name = c.baseArgs[0]->text;
    e.values = stringArray(c.baseArgs[1]);
    m_enumVars.insert(var, e);
    for (const EngineBackend *b : EngineBackend::all())
        if (b->drizzle().enumTypeBuilder == c.base)
            setFlavour(b->engine(), c.baseCall->pos);
    if (backend(target()).capabilities().namedEnumTypes && !m_enumTypes.contains(e))
        m_enumTypes << e;
}

QStringList Importer::stringArray(const NodePtr &array) const
{
    QStringList out;
    for (const NodePtr &item : array->children) {
        if (!item->is(K::String))
            fail(item->pos, QStringLiteral("expected a string"));
        out << item->text;
    }
    return out;
}

QHash<QString, QString> Importer::options(const NodePtr &object) const
{
    QHash<QString, QString> out;
    if (!object || !object->is(K::Object))
        return out;
    for (int i = 0; i < object->keys.size(); ++i) {
        const NodePtr v = object->children[i];
        if (v->is(K::String) || v->is(K::Number) || v->is(K::Boolean))
            out.insert(object->keys[i], v->text);
    }
    return out;
}

void Importer::readTable(const QString &var, const Chain &c)
{
    const EngineBackend *module = EngineBackend::forDrizzleTable(c.base);
    const Engine flavour = module ? module->engine() : EngineBackend::fileBackend().engine();
    setFlavour(flavour, c.baseCall->pos);
    if (c.baseArgs.size() < 2 || !c.baseArgs[0]->is(K::String))
        fail(c.baseCall->pos, QStringLiteral("%1() needs a table name and its columns").arg(c.base));
    TableInfo t;
    t.var = var;
    t.flavour = flavour;
    t.table.name = c.baseArgs[0]->text;
    const int index = int(m_tables.size());
    if (m_tableByVar.contains(var))
        fail(c.baseCall->pos, QStringLiteral("'%1' is declared twice").arg(var));
    m_tableByVar.insert(var, index);
    m_tables << t;

    NodePtr columns = c.baseArgs[1];
    QStringList columnParams;
    if (columns->is(K::Arrow)) {   // pgTable("t", (t) => ({ id: t.integer() }))
        columnParams = columns->params;
        columns = columns->children[0];
    }
    if (!columns->is(K::Object))
        fail(columns->pos, QStringLiteral("expected the columns as an object { name: builder(), ... }"));
    for (int i = 0; i < columns->keys.size(); ++i) {
        if (columns->keys[i].isEmpty())
            fail(columns->children[i]->pos, QStringLiteral("spread columns are not supported; write each column"));
        readColumn(index, columns->keys[i], columns->children[i], columnParams);
    }
    if (c.baseArgs.size() > 2)
        readExtras(index, c.baseArgs[2]);
}

void Importer::readColumn(int tableIndex, const QString &key, const NodePtr &node, const QStringList &params)
{
    const Chain c = chain(node, params);
    if (!c.baseCall->is(K::Call) || c.base.isEmpty())
        fail(startOf(node), QStringLiteral("column '%1': expected a column builder call such as int() or varchar()").arg(key));
    const Engine flavour = m_tables[tableIndex].flavour;
    BuilderCall call;
    call.flavour = flavour;
    call.builder = c.base;
    QList<NodePtr> args = c.baseArgs;
    const TableInfo &owner = m_tables[tableIndex];

    Column col;
    col.name = key;
    if (m_enumVars.contains(c.base)) {
        const EnumType &e = m_enumVars.value(c.base);
        call.builder = QStringLiteral("pgEnum");
        call.enumName = e.name;
        call.enumValues = e.values;
        if (backend(target()).capabilities().namedEnumTypes && !m_enumTypes.contains(e))
            m_enumTypes << e;
    } else if (c.base == u"mysqlEnum") {
        // mysqlEnum("name", [...]) or mysqlEnum([...])
        if (!args.isEmpty() && args[0]->is(K::String)) {
            col.name = args[0]->text;
            args.removeFirst();
        }
        if (args.isEmpty() || !args[0]->is(K::Array))
            fail(c.baseCall->pos, QStringLiteral("mysqlEnum() needs an array of values"));
        call.enumValues = stringArray(args[0]);
        call.enumName = owner.table.name + QLatin1Char('_') + col.name;
        args.removeFirst();
        if (backend(target()).capabilities().namedEnumTypes) {
            EnumType e{call.enumName, call.enumValues};
            if (!m_enumTypes.contains(e))
                m_enumTypes << e;
        }
    } else if (c.base == u"loamType") {
        if (args.size() < 2 || !args[0]->is(K::String) || !args[1]->is(K::String))
            fail(c.baseCall->pos, QStringLiteral("loamType() needs a column name and an SQL type"));
        col.name = args[0]->text;
        call.rawType = args[1]->text;
        args.clear();
    }
    if (!args.isEmpty() && args[0]->is(K::String)) {
        col.name = args[0]->text;
        args.removeFirst();
    }
    if (!args.isEmpty() && args[0]->is(K::Object)) {
        call.options = options(args[0]);
        if (const NodePtr values = args[0]->property(QStringLiteral("enum")); values && values->is(K::Array))
            call.enumValues = stringArray(values);
    }
    const auto mapped = drizzle::mapBuilder(call, target());
    if (!mapped)
        fail(c.baseCall->pos, QStringLiteral("unknown column builder '%1' for column '%2'").arg(c.base, key));
    if (mapped->isEnumType)
        col.type = quotedTypeName(mapped->type);
    else
        col.type = mapped->type;
    col.autoKind = mapped->autoKind;
    if (mapped->notNull)
        col.nullable = false;
    if (mapped->unique)
        m_tables[tableIndex].table.uniques << Key{col.name, {col.name}};
    if (owner.keyToColumn.contains(key))
        fail(node->pos, QStringLiteral("column '%1' is declared twice").arg(key));
    m_tables[tableIndex].keyToColumn.insert(key, col.name);

    bool primary = false;
    bool sqliteAutoIncrement = false;
    for (const Chain::Link &link : c.links)
        applyModifier(tableIndex, col, link, primary, sqliteAutoIncrement);
    TableInfo &t = m_tables[tableIndex];
    if (primary) {
        if (!t.table.primaryKey.isEmpty())
            fail(node->pos, QStringLiteral("table '%1' has a second primary key column '%2'; use primaryKey({ columns: [...] })")
                                .arg(t.table.name, col.name));
        t.table.primaryKey.columns = {col.name};
        if (const QString pk = Dialect::forEngine(target()).defaultPrimaryKeyName(t.table.name); !pk.isEmpty())
            t.table.primaryKey.name = limited(pk);
        col.nullable = false;
    }
    t.table.columns << col;
}

QString Importer::quotedTypeName(const QString &name) const
{
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    return plain.match(name).hasMatch() ? name : Dialect::forEngine(target()).quoteIdentifier(name);
}

void Importer::applyModifier(int tableIndex, Column &col, const Chain::Link &link, bool &primary, bool &sqliteAutoIncrement)
{
    const QString &m = link.name;
    TableInfo &t = m_tables[tableIndex];
    if (m == u"primaryKey") {
        primary = true;
        if (!link.args.isEmpty() && link.args[0]->is(K::Object)) {
            const auto o = options(link.args[0]);
            if (o.value(QStringLiteral("autoIncrement")) == u"true") {
                sqliteAutoIncrement = true;
                col.autoKind = AutoKind::AutoIncrement;
            }
        }
    } else if (m == u"autoincrement") {
        col.autoKind = backend(target()).capabilities().identityKind;
    } else if (m == u"notNull") {
        col.nullable = false;
    } else if (m == u"unique") {
        QString name = t.table.name + QLatin1Char('_') + col.name + QStringLiteral("_unique");
        if (!link.args.isEmpty() && link.args[0]->is(K::String))
            name = link.args[0]->text;
        // drizzle-kit makes unique() a unique index on SQLite, a constraint elsewhere.
        if (backend(target()).drizzle().uniqueAsIndex)
            t.table.indexes << Index{limited(name), {col.name}, true, {}};
        else
            t.table.uniques << Key{limited(name), {col.name}};
    } else if (m == u"default") {
        if (link.args.isEmpty())
            fail(link.pos, QStringLiteral(".default() needs a value"));
        col.defaultValue = defaultValue(link.args[0], col);
    } else if (m == u"defaultRandom") {
        if (const QString uuid = Dialect::forEngine(target()).randomUuidExpression(); !uuid.isEmpty())
            col.defaultValue = uuid;
        else
            warn(link.pos, QStringLiteral("'.defaultRandom()' has no %1 equivalent; column '%2' keeps no default")
                               .arg(engineDisplayName(target()), col.name));
    } else if (m == u"defaultNow") {
        col.defaultValue = Dialect::forEngine(target()).currentTimestampExpression();
    } else if (m == u"references") {
        if (link.args.isEmpty() || !link.args[0]->is(K::Arrow))
            fail(link.pos, QStringLiteral(".references() needs a function such as () => users.id"));
        PendingForeignKey fk;
        fk.table = tableIndex;
        fk.columns = {col.name};
        fk.targets = {columnRef(link.args[0]->children[0])};
        fk.pos = link.pos;
        fk.file = m_file;
        if (link.args.size() > 1 && link.args[1]->is(K::Object)) {
            const NodePtr o = link.args[1];
            if (const NodePtr d = o->property(QStringLiteral("onDelete")))
                fk.onDelete = action(d->text, d->pos);
            if (const NodePtr u = o->property(QStringLiteral("onUpdate")))
                fk.onUpdate = action(u->text, u->pos);
        }
        m_foreignKeys << fk;
    } else if (m == u"generatedAlwaysAsIdentity" || m == u"generatedByDefaultAsIdentity") {
        if (backend(target()).capabilities().autoKinds.contains(AutoKind::IdentityAlways))
            col.autoKind = m == u"generatedAlwaysAsIdentity" ? AutoKind::IdentityAlways : AutoKind::IdentityByDefault;
        else
            col.autoKind = AutoKind::AutoIncrement;
        col.nullable = false;
    } else if (m == u"array") {
        if (backend(target()).capabilities().arrays)
            col.type += QStringLiteral("[]");
        else
            fail(link.pos, QStringLiteral(".array() exists only on PostgreSQL"));
    } else if (m == u"$type" || m == u"$defaultFn" || m == u"$default" || m == u"$onUpdate" || m == u"$onUpdateFn"
               || m == u"$inferSelect") {
        if (m == u"$defaultFn" || m == u"$default" || m == u"$onUpdate" || m == u"$onUpdateFn")
            warn(link.pos, QStringLiteral("'.%1()' runs in JavaScript, not in the database; column '%2' keeps no default for it")
                               .arg(m, col.name));
    } else if (m == u"generatedAlwaysAs") {
        // sql`...`, () => sql`...`, or raw SQL text; { mode: 'stored' | 'virtual' } (PostgreSQL: always stored).
        if (link.args.isEmpty())
            fail(link.pos, QStringLiteral(".generatedAlwaysAs() needs an expression"));
        NodePtr as = link.args[0];
        if (as->is(K::Arrow) && !as->children.isEmpty())
            as = as->children[0];
        if (as->is(K::Tagged))
            col.generated = sqlText(as);
        else if (as->is(K::String) || (as->is(K::Template) && as->substitutions.isEmpty()))
            col.generated = as->is(K::String) ? as->text : as->quasis.join(QString());
        else
            fail(startOf(as), QStringLiteral(".generatedAlwaysAs() of column '%1' needs sql`...` or a string").arg(col.name));
        // The default is the builder's (the file's flavour), not the target's: pg-core's is always stored.
        const Engine builders = m_flavour.value_or(target());
        QString mode = Dialect::forEngine(builders).generatedColumnsStoredOnly() ? QStringLiteral("stored") : QStringLiteral("virtual");
        if (link.args.size() > 1 && link.args[1]->is(K::Object))
            if (const NodePtr md = link.args[1]->property(QStringLiteral("mode")))
                mode = md->text;
        col.generatedStored = mode == u"stored";
        col.defaultValue.reset();
    } else if (m == u"onUpdateNow" || m == u"using" || m == u"notNullDistinct") {
        warn(link.pos, QStringLiteral("'.%1()' is not kept by Loam (column '%2')").arg(m, col.name));
    } else {
        fail(link.pos, QStringLiteral("unknown column modifier '.%1()' on column '%2'").arg(m, col.name));
    }
}

FkAction Importer::action(const QString &text, ts::Position pos) const
{
    if (text.isEmpty())
        return FkAction::NoAction;
    const auto a = fkActionFromSql(text);
    if (!a)
        fail(pos, QStringLiteral("unknown foreign key action '%1'").arg(text));
    // MySQL reports RESTRICT as NO ACTION (InnoDB treats them alike).
    if (*a == FkAction::Restrict && backend(target()).capabilities().restrictReadsAsNoAction)
        return FkAction::NoAction;
    return *a;
}

ColumnRef Importer::columnRef(const NodePtr &node, const QString &selfVar, const QStringList &params) const
{
    NodePtr n = node;
    // t.col.asc() / t.col.desc() / t.col.op('...') in an index: the column itself.
    while (n->is(K::Call) && n->children[0]->is(K::Member))
        n = n->children[0]->children[0];
    if (!n->is(K::Member) || !n->children[0]->is(K::Identifier))
        fail(node->pos, QStringLiteral("expected a column such as users.id"));
    QString var = n->children[0]->text;
    if (params.contains(var))
        var = selfVar;
    return ColumnRef{tableVar(var), n->text, n->children[0]->pos, m_file};
}

QString Importer::resolve(const ColumnRef &ref) const
{
    const auto it = m_tableByVar.constFind(ref.tableVar);
    if (it == m_tableByVar.constEnd())
        fail(ref.pos, QStringLiteral("unknown table '%1'").arg(ref.tableVar), ref.file);
    const TableInfo &t = m_tables[*it];
    if (!t.keyToColumn.contains(ref.key))
        fail(ref.pos, QStringLiteral("table '%1' has no column '%2'").arg(ref.tableVar, ref.key), ref.file);
    return t.keyToColumn.value(ref.key);
}

}  // namespace loam::drizzle_reader

namespace loam {

using drizzle_reader::Failure;
using drizzle_reader::Importer;

namespace {

QString relativeModulePath(const QString &fromFile, const QString &module)
{
    const QDir dir = QFileInfo(fromFile).absoluteDir();
    QString base = QDir::cleanPath(dir.filePath(module));
    for (const QString &ext : {QString(), QStringLiteral(".ts"), QStringLiteral(".mts"), QStringLiteral(".js")}) {
        QString candidate = base + ext;
        if (candidate.endsWith(u".js") && !QFileInfo(candidate).isFile())
            candidate = candidate.chopped(3) + QStringLiteral(".ts");
        if (QFileInfo(candidate).isFile())
            return candidate;
    }
    if (QFileInfo(base + QStringLiteral("/index.ts")).isFile())
        return base + QStringLiteral("/index.ts");
    return {};
}

struct FileReader {
    Importer importer;
    QSet<QString> seen;

    void read(const QString &path, const QString &shownName)
    {
        const QString key = QFileInfo(path).absoluteFilePath();
        if (seen.contains(key))
            return;
        seen.insert(key);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw Failure{QStringLiteral("%1: cannot read: %2").arg(shownName, file.errorString())};
        if (file.size() > limits::kMaxSchemaFileBytes)
            throw Failure{QStringLiteral("%1: %2 bytes; Loam reads schema files of at most %3 MB")
                              .arg(shownName)
                              .arg(file.size())
                              .arg(limits::kMaxSchemaFileBytes / (1024 * 1024))};
        const auto module = ts::parseModule(QString::fromUtf8(file.readAll()), shownName);
        if (!module)
            throw Failure{module.errorMessage()};
        // Tables come before the files that use them: follow relative imports first.
        for (const ts::ImportDecl &imp : module->imports) {
            if (!imp.module.startsWith(u'.'))
                continue;
            const QString next = relativeModulePath(path, imp.module);
            if (next.isEmpty())
                continue;   // not a schema file Loam can find; its names stay unknown
            const QString shown = QDir::cleanPath(QFileInfo(shownName).dir().filePath(QFileInfo(path).dir().relativeFilePath(next)));
            read(next, shown);
        }
        importer.addModule(*module, shownName);
    }
};

// Every reading ends here: relations() no foreign key backs become the schema's soft relations.
DrizzleImport finished(Importer &importer)
{
    DrizzleImport out = importer.finish();
    adoptDrizzleRelations(out);
    return out;
}

}  // namespace

Result<DrizzleImport> importDrizzle(const QString &source, const QString &fileName, std::optional<Engine> target)
{
    const auto module = ts::parseModule(source, fileName);
    if (!module)
        return module.error();
    try {
        Importer importer(target);
        importer.addModule(*module, fileName);
        return finished(importer);
    } catch (const Failure &f) {
        return Error{f.message, QStringLiteral("drizzle")};
    }
}

Result<DrizzleImport> importDrizzleFiles(const QStringList &paths, std::optional<Engine> target)
{
    try {
        FileReader reader{Importer(target), {}};
        for (const QString &path : paths)
            reader.read(path, path);
        return finished(reader.importer);
    } catch (const Failure &f) {
        return Error{f.message, QStringLiteral("drizzle")};
    }
}

Result<DrizzleImport> importDrizzleModules(const QList<DrizzleModuleSource> &modules, std::optional<Engine> target)
{
    try {
        Importer importer(target);
        for (const DrizzleModuleSource &m : modules) {
            const auto module = ts::parseModule(m.source, m.fileName);
            if (!module)
                return module.error();
            importer.addModule(*module, m.fileName);
        }
        return finished(importer);
    } catch (const Failure &f) {
        return Error{f.message, QStringLiteral("drizzle")};
    }
}

Result<DrizzleImport> importDrizzleFile(const QString &path, std::optional<Engine> target)
{
    try {
        FileReader reader{Importer(target), {}};
        reader.read(path, path);
        return finished(reader.importer);
    } catch (const Failure &f) {
        return Error{f.message, QStringLiteral("drizzle")};
    }
}

bool isDrizzleSchemaPath(const QString &path)
{
    static const QStringList suffixes = {QStringLiteral(".ts"), QStringLiteral(".mts"), QStringLiteral(".cts"),
                                         QStringLiteral(".js"), QStringLiteral(".mjs")};
    for (const QString &s : suffixes)
        if (path.endsWith(s, Qt::CaseInsensitive))
            return true;
    return false;
}

}  // namespace loam
