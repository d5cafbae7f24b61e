// Schema <-> JSON, and the .loam document that carries a schema, diagram positions and seed configs.
#pragma once

#include "schema/Schema.h"
#include "util/Result.h"

#include <QJsonObject>

namespace loam {

QJsonObject schemaToJson(const Schema &schema);
// Reads a schema back; errors name the JSON path that is wrong ("tables[2].columns[0].name: missing").
Result<Schema> schemaFromJson(const QJsonObject &object);

// The user's schema document. Parts that later features own (diagram, seed) are kept as JSON
// so that a document written by a newer Loam survives a round trip through this one.
struct LoamDocument {
    static constexpr int kFormatVersion = 1;
    Schema schema;
    QJsonObject diagram;
    QJsonObject seed;
    bool operator==(const LoamDocument &) const = default;
};

QByteArray documentToJson(const LoamDocument &doc);
Result<LoamDocument> documentFromJson(const QByteArray &bytes);
Status saveDocument(const LoamDocument &doc, const QString &path);
Result<LoamDocument> loadDocument(const QString &path);

}  // namespace loam
