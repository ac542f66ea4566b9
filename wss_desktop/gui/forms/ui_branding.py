# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'branding.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QFormLayout, QFrame,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QPushButton, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

class Ui_BrandingEditor(object):
    def setupUi(self, BrandingEditor):
        if not BrandingEditor.objectName():
            BrandingEditor.setObjectName(u"BrandingEditor")
        BrandingEditor.resize(900, 480)
        self.outer = QHBoxLayout(BrandingEditor)
        self.outer.setObjectName(u"outer")
        self.listColumn = QVBoxLayout()
        self.listColumn.setObjectName(u"listColumn")
        self.intro = QLabel(BrandingEditor)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.listColumn.addWidget(self.intro)

        self.profiles = QListWidget(BrandingEditor)
        self.profiles.setObjectName(u"profiles")

        self.listColumn.addWidget(self.profiles)

        self.listButtons = QHBoxLayout()
        self.listButtons.setObjectName(u"listButtons")
        self.newButton = QPushButton(BrandingEditor)
        self.newButton.setObjectName(u"newButton")

        self.listButtons.addWidget(self.newButton)

        self.deleteButton = QPushButton(BrandingEditor)
        self.deleteButton.setObjectName(u"deleteButton")

        self.listButtons.addWidget(self.deleteButton)


        self.listColumn.addLayout(self.listButtons)


        self.outer.addLayout(self.listColumn)

        self.detailsColumn = QVBoxLayout()
        self.detailsColumn.setObjectName(u"detailsColumn")
        self.detailsBox = QGroupBox(BrandingEditor)
        self.detailsBox.setObjectName(u"detailsBox")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(2)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.detailsBox.sizePolicy().hasHeightForWidth())
        self.detailsBox.setSizePolicy(sizePolicy)
        self.form = QFormLayout(self.detailsBox)
        self.form.setObjectName(u"form")
        self.nameLabel = QLabel(self.detailsBox)
        self.nameLabel.setObjectName(u"nameLabel")

        self.form.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.name = QLineEdit(self.detailsBox)
        self.name.setObjectName(u"name")

        self.form.setWidget(0, QFormLayout.ItemRole.FieldRole, self.name)

        self.organisationLabel = QLabel(self.detailsBox)
        self.organisationLabel.setObjectName(u"organisationLabel")

        self.form.setWidget(1, QFormLayout.ItemRole.LabelRole, self.organisationLabel)

        self.organisation = QLineEdit(self.detailsBox)
        self.organisation.setObjectName(u"organisation")

        self.form.setWidget(1, QFormLayout.ItemRole.FieldRole, self.organisation)

        self.accentLabel = QLabel(self.detailsBox)
        self.accentLabel.setObjectName(u"accentLabel")

        self.form.setWidget(2, QFormLayout.ItemRole.LabelRole, self.accentLabel)

        self.accentRow = QHBoxLayout()
        self.accentRow.setObjectName(u"accentRow")
        self.accent = QLineEdit(self.detailsBox)
        self.accent.setObjectName(u"accent")
        self.accent.setMaximumWidth(120)

        self.accentRow.addWidget(self.accent)

        self.swatch = QLabel(self.detailsBox)
        self.swatch.setObjectName(u"swatch")
        self.swatch.setMinimumSize(QSize(48, 22))
        self.swatch.setFrameShape(QFrame.Box)

        self.accentRow.addWidget(self.swatch)

        self.pickColourButton = QPushButton(self.detailsBox)
        self.pickColourButton.setObjectName(u"pickColourButton")

        self.accentRow.addWidget(self.pickColourButton)

        self.accentSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.accentRow.addItem(self.accentSpacer)


        self.form.setLayout(2, QFormLayout.ItemRole.FieldRole, self.accentRow)

        self.logoLabel = QLabel(self.detailsBox)
        self.logoLabel.setObjectName(u"logoLabel")

        self.form.setWidget(3, QFormLayout.ItemRole.LabelRole, self.logoLabel)

        self.logoRow = QHBoxLayout()
        self.logoRow.setObjectName(u"logoRow")
        self.logo = QLabel(self.detailsBox)
        self.logo.setObjectName(u"logo")
        self.logo.setMinimumSize(QSize(160, 56))
        self.logo.setFrameShape(QFrame.StyledPanel)
        self.logo.setAlignment(Qt.AlignCenter)

        self.logoRow.addWidget(self.logo)

        self.chooseLogoButton = QPushButton(self.detailsBox)
        self.chooseLogoButton.setObjectName(u"chooseLogoButton")

        self.logoRow.addWidget(self.chooseLogoButton)

        self.removeLogoButton = QPushButton(self.detailsBox)
        self.removeLogoButton.setObjectName(u"removeLogoButton")

        self.logoRow.addWidget(self.removeLogoButton)

        self.logoSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.logoRow.addItem(self.logoSpacer)


        self.form.setLayout(3, QFormLayout.ItemRole.FieldRole, self.logoRow)

        self.footerLabel = QLabel(self.detailsBox)
        self.footerLabel.setObjectName(u"footerLabel")

        self.form.setWidget(4, QFormLayout.ItemRole.LabelRole, self.footerLabel)

        self.footer = QLineEdit(self.detailsBox)
        self.footer.setObjectName(u"footer")
        self.footer.setMaxLength(300)

        self.form.setWidget(4, QFormLayout.ItemRole.FieldRole, self.footer)

        self.isDefault = QCheckBox(self.detailsBox)
        self.isDefault.setObjectName(u"isDefault")

        self.form.setWidget(5, QFormLayout.ItemRole.FieldRole, self.isDefault)

        self.message = QLabel(self.detailsBox)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)

        self.form.setWidget(6, QFormLayout.ItemRole.SpanningRole, self.message)


        self.detailsColumn.addWidget(self.detailsBox)

        self.detailsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.detailsColumn.addItem(self.detailsSpacer)


        self.outer.addLayout(self.detailsColumn)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.organisationLabel.setBuddy(self.organisation)
        self.accentLabel.setBuddy(self.accent)
        self.footerLabel.setBuddy(self.footer)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(BrandingEditor)

        QMetaObject.connectSlotsByName(BrandingEditor)
    # setupUi

    def retranslateUi(self, BrandingEditor):
        self.intro.setText(QCoreApplication.translate("BrandingEditor", u"Branding profiles give reports your organisation's name, logo, colour and footer. They are shared by every review on this computer.", None))
#if QT_CONFIG(accessibility)
        self.profiles.setAccessibleName(QCoreApplication.translate("BrandingEditor", u"Branding profiles", None))
#endif // QT_CONFIG(accessibility)
        self.newButton.setText(QCoreApplication.translate("BrandingEditor", u"Ne&w profile", None))
        self.deleteButton.setText(QCoreApplication.translate("BrandingEditor", u"Delete profil&e", None))
        self.detailsBox.setTitle(QCoreApplication.translate("BrandingEditor", u"The chosen profile", None))
        self.nameLabel.setText(QCoreApplication.translate("BrandingEditor", u"Profile n&ame:", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("BrandingEditor", u"Profile name", None))
#endif // QT_CONFIG(accessibility)
        self.organisationLabel.setText(QCoreApplication.translate("BrandingEditor", u"&Organisation:", None))
#if QT_CONFIG(accessibility)
        self.organisation.setAccessibleName(QCoreApplication.translate("BrandingEditor", u"Organisation", None))
#endif // QT_CONFIG(accessibility)
        self.organisation.setPlaceholderText(QCoreApplication.translate("BrandingEditor", u"Printed on the cover, e.g. Northvale Inclusion Services", None))
        self.accentLabel.setText(QCoreApplication.translate("BrandingEditor", u"Accen&t colour:", None))
#if QT_CONFIG(accessibility)
        self.accent.setAccessibleName(QCoreApplication.translate("BrandingEditor", u"Accent colour as #RRGGBB", None))
#endif // QT_CONFIG(accessibility)
        self.accent.setPlaceholderText(QCoreApplication.translate("BrandingEditor", u"#1d4f73", None))
#if QT_CONFIG(accessibility)
        self.swatch.setAccessibleName(QCoreApplication.translate("BrandingEditor", u"Accent colour sample", None))
#endif // QT_CONFIG(accessibility)
        self.pickColourButton.setText(QCoreApplication.translate("BrandingEditor", u"Choo&se\u2026", None))
        self.logoLabel.setText(QCoreApplication.translate("BrandingEditor", u"Logo:", None))
#if QT_CONFIG(accessibility)
        self.logo.setAccessibleDescription(QCoreApplication.translate("BrandingEditor", u"Logo", None))
#endif // QT_CONFIG(accessibility)
        self.chooseLogoButton.setText(QCoreApplication.translate("BrandingEditor", u"Choose a &logo\u2026", None))
#if QT_CONFIG(tooltip)
        self.chooseLogoButton.setToolTip(QCoreApplication.translate("BrandingEditor", u"A PNG, JPEG or SVG file of up to 5 MB", None))
#endif // QT_CONFIG(tooltip)
        self.removeLogoButton.setText(QCoreApplication.translate("BrandingEditor", u"Remo&ve logo", None))
        self.footerLabel.setText(QCoreApplication.translate("BrandingEditor", u"Footer te&xt:", None))
#if QT_CONFIG(accessibility)
        self.footer.setAccessibleName(QCoreApplication.translate("BrandingEditor", u"Footer text", None))
#endif // QT_CONFIG(accessibility)
        self.footer.setPlaceholderText(QCoreApplication.translate("BrandingEditor", u"On every page, e.g. Northvale Inclusion Services, registered charity 123456", None))
        self.isDefault.setText(QCoreApplication.translate("BrandingEditor", u"&Use for every review that has not chosen another profile", None))
#if QT_CONFIG(accessibility)
        self.isDefault.setAccessibleName(QCoreApplication.translate("BrandingEditor", u"Default profile", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.message.setAccessibleDescription(QCoreApplication.translate("BrandingEditor", u"Branding message", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

