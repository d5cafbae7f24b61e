// The colours and spacing shared by the ER diagram's table boxes and the row explorer's cards.
#pragma once

#include <QColor>

namespace loam::palette {

constexpr qreal kPad = 8;
constexpr qreal kRadius = 4;

inline const QColor kHeader{0x2f, 0x5d, 0x8a};
inline const QColor kBorder{0x34, 0x49, 0x5e};
inline const QColor kMutedText{0x6b, 0x72, 0x80};   // types, labels
inline const QColor kAccent{0x2f, 0x5d, 0x8a};      // foreign-key marks, chip outlines

}  // namespace loam::palette
