# Install rules for the desktop integration files, and CPack settings for an installable .deb
# holding bin/loam, the desktop entry, the AppStream metainfo and the icon.
include(GNUInstallDirs)

set(LOAM_APP_ID io.loam.Loam)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/${LOAM_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${CMAKE_SOURCE_DIR}/packaging/${LOAM_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
# The icon theme looks icons up by the application id, so the file takes that name.
install(FILES ${CMAKE_SOURCE_DIR}/resources/icons/loam.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${LOAM_APP_ID}.svg)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME loam)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Loam")
set(CPACK_PACKAGE_CONTACT "Loam developers <loam@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "desktop studio for relational databases")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# CPack puts the summary on the first line and indents this body as Debian wants.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "Loam pulls the schema of a SQLite, MariaDB/MySQL or PostgreSQL database,
draws it as an entity-relationship diagram, seeds it with realistic data
and pushes schema changes back after showing which ones would lose data.

The loam command also pulls a schema without a display, as a .loam
document (JSON) or as SQL.")
# Shared libraries are found by dpkg-shlibdeps; the SQL drivers are plugins it cannot see.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, libqt6sql6-mysql, libqt6sql6-psql, libqt6svg6")
include(CPack)
