#include "migrations/MigrationStatus.h"

#include <QDateTime>
#include <QTimeZone>

namespace loam {

QString migrationStateName(MigrationState state)
{
    switch (state) {
    case MigrationState::Applied: return QStringLiteral("applied");
    case MigrationState::Pending: return QStringLiteral("pending");
    case MigrationState::Skipped: return QStringLiteral("skipped");
    case MigrationState::Changed: return QStringLiteral("changed");
    case MigrationState::MissingLocally: return QStringLiteral("missing");
    }
    return {};
}

int MigrationStatus::count(MigrationState state) const
{
    int n = 0;
    for (const MigrationStatusRow &r : rows)
        n += r.state == state ? 1 : 0;
    return n;
}

MigrationStatus migrationStatus(const MigrationSet &set, const Ledger &ledger)
{
    MigrationStatus status;
    status.ledgerExists = ledger.exists;
    status.newestApplied = ledger.newest();
    QList<bool> used(ledger.rows.size(), false);
    QList<MigrationStatusRow> rows(set.migrations.size());
    QList<bool> decided(set.migrations.size(), false);
    auto claim = [&](int file, int row, MigrationState state) {
        used[row] = true;
        decided[file] = true;
        rows[file].state = state;
        rows[file].ledgerHash = ledger.rows[row].hash;
    };
    for (int i = 0; i < set.migrations.size(); ++i) {
        rows[i].tag = set.migrations[i].tag;
        rows[i].when = set.migrations[i].when;
        rows[i].fileHash = set.migrations[i].hash;
        rows[i].index = i;
    }
    // A row names its migration where the ledger keeps names; otherwise the hash finds it, and a
    // row left over with the file's created_at is the same migration edited since.
    for (int i = 0; i < set.migrations.size(); ++i)
        for (int r = 0; r < ledger.rows.size() && !decided[i]; ++r)
            if (!used[r] && !ledger.rows[r].name.isEmpty() && ledger.rows[r].name == rows[i].tag)
                claim(i, r, set.migrations[i].hasHash(ledger.rows[r].hash) ? MigrationState::Applied : MigrationState::Changed);
    // Files with the same text (two empty custom migrations) share a hash: a row first goes to
    // the file whose when it carries.
    for (int i = 0; i < set.migrations.size(); ++i)
        for (int r = 0; r < ledger.rows.size() && !decided[i]; ++r)
            if (!used[r] && ledger.rows[r].name.isEmpty() && set.migrations[i].hasHash(ledger.rows[r].hash)
                && ledger.rows[r].createdAt == rows[i].when)
                claim(i, r, MigrationState::Applied);
    for (int i = 0; i < set.migrations.size(); ++i)
        for (int r = 0; r < ledger.rows.size() && !decided[i]; ++r)
            if (!used[r] && ledger.rows[r].name.isEmpty() && set.migrations[i].hasHash(ledger.rows[r].hash))
                claim(i, r, MigrationState::Applied);
    for (int i = 0; i < set.migrations.size(); ++i)
        for (int r = 0; r < ledger.rows.size() && !decided[i]; ++r)
            if (!used[r] && ledger.rows[r].name.isEmpty() && ledger.rows[r].createdAt == rows[i].when)
                claim(i, r, MigrationState::Changed);
    for (int i = 0; i < set.migrations.size(); ++i) {
        if (decided[i])
            continue;
        rows[i].state = status.newestApplied && rows[i].when <= *status.newestApplied ? MigrationState::Skipped : MigrationState::Pending;
    }
    status.rows = rows;
    for (int r = 0; r < ledger.rows.size(); ++r) {
        if (used[r])
            continue;
        MigrationStatusRow row;
        row.state = MigrationState::MissingLocally;
        row.tag = ledger.rows[r].name;
        row.when = ledger.rows[r].createdAt;
        row.ledgerHash = ledger.rows[r].hash;
        status.rows << row;
    }
    return status;
}

QString formatWhen(qint64 when)
{
    return QDateTime::fromMSecsSinceEpoch(when, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC");
}

QString formatMigrationStatus(const MigrationSet &set, const MigrationStatus &status, const QString &ledger)
{
    QString out;
    int width = 0;
    for (const MigrationStatusRow &r : status.rows)
        width = std::max(width, int(r.tag.size()));
    for (const MigrationStatusRow &r : status.rows) {
        QString line = QStringLiteral("%1  %2  %3").arg(migrationStateName(r.state), -8).arg(r.tag.isEmpty() ? QStringLiteral("?") : r.tag, -width).arg(formatWhen(r.when));
        switch (r.state) {
        case MigrationState::Skipped:
            line += QStringLiteral("  older than the newest applied (%1): drizzle's migrator will never run it").arg(formatWhen(*status.newestApplied));
            break;
        case MigrationState::Changed:
            line += QStringLiteral("  the file changed since it was applied (hash %1, ledger %2)").arg(r.fileHash.left(12), r.ledgerHash.left(12));
            break;
        case MigrationState::MissingLocally:
            line += QStringLiteral("  in the ledger (hash %1) but no file in %2 matches").arg(r.ledgerHash.left(12), set.dir);
            break;
        default:
            break;
        }
        out += line.trimmed() + QLatin1Char('\n');
    }
    QStringList parts;
    for (MigrationState s : {MigrationState::Applied, MigrationState::Pending, MigrationState::Skipped, MigrationState::Changed,
                             MigrationState::MissingLocally})
        if (const int n = status.count(s))
            parts << QStringLiteral("%1 %2").arg(n).arg(migrationStateName(s));
    out += QStringLiteral("%1 migration%2 in %3; ledger %4%5: %6\n")
               .arg(set.migrations.size())
               .arg(set.migrations.size() == 1 ? QString() : QStringLiteral("s"))
               .arg(set.dir, ledger, status.ledgerExists ? QString() : QStringLiteral(" (not created yet)"),
                    parts.isEmpty() ? QStringLiteral("nothing") : parts.join(QStringLiteral(", ")));
    return out;
}

}  // namespace loam
