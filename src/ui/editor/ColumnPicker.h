// Column pickers of the constraint dialogs: a multi-selection list whose selection, in table order, is the choice.
#pragma once

#include "schema/Schema.h"

#include <QStringList>

class QListView;
class QStringListModel;
class QWidget;

namespace loam {

QStringList columnNames(const Table &table);
// Shows all in view (through model) with chosen selected.
void showColumns(QListView *view, QStringListModel *model, const QStringList &all, const QStringList &chosen);
// A new picker listing all with chosen selected.
QListView *columnPicker(QWidget *parent, const QStringList &all, const QStringList &chosen);
// The selected names, in list order.
QStringList pickedColumns(const QListView *view);

}  // namespace loam
