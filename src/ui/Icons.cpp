#include "ui/Icons.h"

#include <QHash>

// The resource lives in a static library, so nothing would pull its object file in unless we ask.
static void initUiResources()
{
    static const bool done = [] {
        Q_INIT_RESOURCE(ui);
        return true;
    }();
    Q_UNUSED(done);
}

namespace loam {

QIcon loamIcon(const QString &name)
{
    initUiResources();
    static QHash<QString, QIcon> cache;
    auto it = cache.find(name);
    if (it == cache.end())
        it = cache.insert(name, QIcon(QStringLiteral(":/loam/icons/%1.svg").arg(name)));
    return *it;
}

}  // namespace loam
