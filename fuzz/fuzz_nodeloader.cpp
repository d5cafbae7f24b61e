// Fuzz target: the document the node loader prints (the project's own drizzle-orm's view of its
// schema): read as a schema for each engine, its modules, and the drizzle-kit snapshot beside it.
#include "FuzzInput.h"

#include "drizzle/NodeLoader.h"

#include <QJsonDocument>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument doc = QJsonDocument::fromJson(loam::fuzz::bytes(data, size));
    if (!doc.isObject())
        return 0;
    const QJsonObject o = doc.object();
    (void)loam::importLoaderDocument(o);
    for (loam::Engine e : {loam::Engine::SQLite, loam::Engine::MySQL, loam::Engine::PostgreSQL})
        (void)loam::importLoaderDocument(o, e);
    (void)loam::loaderModules(o);
    QString version, text;
    (void)loam::loaderSnapshot(o, &version, &text);
    return 0;
}
