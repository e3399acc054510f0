"""A plain view of the catalog: categories and their services (until the touch screens land)."""

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog.snapshot import CatalogState
from kiosk.resources import assets_dir


class CatalogView(QWidget):
    def __init__(self, state: CatalogState, language: str = "en", parent: QWidget | None = None):
        super().__init__(parent)
        catalog = state.catalog
        self.title = QLabel(catalog.council_name(language))
        self.title.setObjectName("councilName")
        self.fallback_notice = QLabel(
            self.tr(
                "The services catalog has errors, so the kiosk is showing the last good "
                "version. Ask your supervisor to run 'kiosk catalog check'."
            )
        )
        self.fallback_notice.setObjectName("fallbackNotice")
        self.fallback_notice.setWordWrap(True)
        self.fallback_notice.setVisible(state.from_snapshot)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Service"), self.tr("LGSL")])
        self.tree.setIconSize(QSize(40, 40))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        icons = assets_dir() / "icons"
        for category in catalog.categories:
            services = catalog.in_category(category.id)
            if not services:
                continue
            group = QTreeWidgetItem([catalog.category_title(category, language), ""])
            group.setIcon(0, QIcon(str(icons / f"{category.icon}.svg")))
            for service in services:
                text = catalog.text(service, language)
                group.addChild(QTreeWidgetItem([text.title, str(service.lgsl)]))
            self.tree.addTopLevelItem(group)
        self.tree.expandAll()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.fallback_notice)
        layout.addWidget(self.tree)
