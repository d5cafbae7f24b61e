#include "ui/sql/SqlHistory.h"

#include <QSettings>

namespace loam {

SqlHistory::SqlHistory(const ConnectionSpec &spec)
{
    ConnectionSpec keySpec = spec;
    keySpec.password.clear();
    // Base64 keeps the URL's slashes from turning into settings groups.
    m_key = QStringLiteral("sqlHistory/")
            + QString::fromLatin1(keySpec.toUrl(false).toUtf8().toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QStringList SqlHistory::entries() const
{
    return QSettings().value(m_key).toStringList();
}

void SqlHistory::add(const QString &sql)
{
    const QString entry = sql.trimmed();
    if (entry.isEmpty())
        return;
    QStringList list = entries();
    list.removeAll(entry);
    list.prepend(entry);
    while (list.size() > maxEntries)
        list.removeLast();
    QSettings().setValue(m_key, list);
}

void SqlHistory::clear()
{
    QSettings().remove(m_key);
}

}  // namespace loam
