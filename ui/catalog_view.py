"""A plain view of the catalog: categories and their services (until the touch screens land)."""

from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from kiosk.catalog.snapshot import CatalogState


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
        self.tree.setColumnWidth(0, 560)
        for category in catalog.categories:
            services = catalog.in_category(category.id)
            if not services:
                continue
            group = QTreeWidgetItem([catalog.category_title(category, language), ""])
            for service in services:
                text = catalog.text(service, language)
                group.addChild(QTreeWidgetItem([text.title, str(service.lgsl)]))
            self.tree.addTopLevelItem(group)
        self.tree.expandAll()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.fallback_notice)
        layout.addWidget(self.tree)
