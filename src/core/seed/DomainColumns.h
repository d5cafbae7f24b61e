// DomainColumns: columns typed with a domain (a named type over a base type, with its own CHECKs),
// seen by the seed as the base type with the domain's checks on the column.
#pragma once

#include "schema/Schema.h"

namespace loam {

// The schema with every column whose type is one of its domains given the domain's base type, and
// the domain's checks added to the column's table (VALUE read as the column). Each added check's
// name is the domain's constraint name; domainChecks, when given, receives them as "table\x1fname".
Schema withDomainsResolved(const Schema &schema, QStringList *domainChecks = nullptr);

}  // namespace loam
