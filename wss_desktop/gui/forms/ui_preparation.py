# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'preparation.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
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
from PySide6.QtWidgets import (QApplication, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTabWidget,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_Preparation(object):
    def setupUi(self, Preparation):
        if not Preparation.objectName():
            Preparation.setObjectName(u"Preparation")
        Preparation.resize(1000, 620)
        self.outer = QVBoxLayout(Preparation)
        self.outer.setObjectName(u"outer")
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(Preparation)
        self.tabs.setObjectName(u"tabs")
        self.documentsTab = QWidget()
        self.documentsTab.setObjectName(u"documentsTab")
        self.documentsLayout = QVBoxLayout(self.documentsTab)
        self.documentsLayout.setObjectName(u"documentsLayout")
        self.documentsHint = QLabel(self.documentsTab)
        self.documentsHint.setObjectName(u"documentsHint")
        self.documentsHint.setWordWrap(True)

        self.documentsLayout.addWidget(self.documentsHint)

        self.documents = QTableWidget(self.documentsTab)
        if (self.documents.columnCount() < 3):
            self.documents.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.documents.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.documents.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.documents.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.documents.setObjectName(u"documents")
        self.documents.setTabKeyNavigation(False)
        self.documents.setColumnCount(3)
        self.documents.horizontalHeader().setStretchLastSection(True)
        self.documents.verticalHeader().setVisible(False)

        self.documentsLayout.addWidget(self.documents)

        self.addDocumentRow = QHBoxLayout()
        self.addDocumentRow.setObjectName(u"addDocumentRow")
        self.newDocument = QLineEdit(self.documentsTab)
        self.newDocument.setObjectName(u"newDocument")

        self.addDocumentRow.addWidget(self.newDocument)

        self.addDocument = QPushButton(self.documentsTab)
        self.addDocument.setObjectName(u"addDocument")

        self.addDocumentRow.addWidget(self.addDocument)

        self.addUsualDocuments = QPushButton(self.documentsTab)
        self.addUsualDocuments.setObjectName(u"addUsualDocuments")

        self.addDocumentRow.addWidget(self.addUsualDocuments)


        self.documentsLayout.addLayout(self.addDocumentRow)

        self.tabs.addTab(self.documentsTab, "")
        self.snapshotTab = QWidget()
        self.snapshotTab.setObjectName(u"snapshotTab")
        self.snapshotLayout = QHBoxLayout(self.snapshotTab)
        self.snapshotLayout.setObjectName(u"snapshotLayout")
        self.snapshotForm = QFormLayout()
        self.snapshotForm.setObjectName(u"snapshotForm")
        self.onRollLabel = QLabel(self.snapshotTab)
        self.onRollLabel.setObjectName(u"onRollLabel")

        self.snapshotForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.onRollLabel)

        self.onRoll = QLineEdit(self.snapshotTab)
        self.onRoll.setObjectName(u"onRoll")

        self.snapshotForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.onRoll)

        self.senSupportLabel = QLabel(self.snapshotTab)
        self.senSupportLabel.setObjectName(u"senSupportLabel")

        self.snapshotForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.senSupportLabel)

        self.senSupport = QLineEdit(self.snapshotTab)
        self.senSupport.setObjectName(u"senSupport")

        self.snapshotForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.senSupport)

        self.ehcpLabel = QLabel(self.snapshotTab)
        self.ehcpLabel.setObjectName(u"ehcpLabel")

        self.snapshotForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.ehcpLabel)

        self.ehcp = QLineEdit(self.snapshotTab)
        self.ehcp.setObjectName(u"ehcp")

        self.snapshotForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.ehcp)

        self.attendanceLabel = QLabel(self.snapshotTab)
        self.attendanceLabel.setObjectName(u"attendanceLabel")

        self.snapshotForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.attendanceLabel)

        self.attendance = QLineEdit(self.snapshotTab)
        self.attendance.setObjectName(u"attendance")

        self.snapshotForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.attendance)

        self.absenceLabel = QLabel(self.snapshotTab)
        self.absenceLabel.setObjectName(u"absenceLabel")

        self.snapshotForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.absenceLabel)

        self.persistentAbsence = QLineEdit(self.snapshotTab)
        self.persistentAbsence.setObjectName(u"persistentAbsence")

        self.snapshotForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.persistentAbsence)

        self.suspensionsLabel = QLabel(self.snapshotTab)
        self.suspensionsLabel.setObjectName(u"suspensionsLabel")

        self.snapshotForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.suspensionsLabel)

        self.suspensions = QLineEdit(self.snapshotTab)
        self.suspensions.setObjectName(u"suspensions")

        self.snapshotForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.suspensions)

        self.exclusionsLabel = QLabel(self.snapshotTab)
        self.exclusionsLabel.setObjectName(u"exclusionsLabel")

        self.snapshotForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.exclusionsLabel)

        self.exclusions = QLineEdit(self.snapshotTab)
        self.exclusions.setObjectName(u"exclusions")

        self.snapshotForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.exclusions)

        self.snapshotNotesLabel = QLabel(self.snapshotTab)
        self.snapshotNotesLabel.setObjectName(u"snapshotNotesLabel")

        self.snapshotForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.snapshotNotesLabel)

        self.snapshotNotes = QPlainTextEdit(self.snapshotTab)
        self.snapshotNotes.setObjectName(u"snapshotNotes")
        self.snapshotNotes.setTabChangesFocus(True)

        self.snapshotForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.snapshotNotes)


        self.snapshotLayout.addLayout(self.snapshotForm)

        self.comparisonBox = QGroupBox(self.snapshotTab)
        self.comparisonBox.setObjectName(u"comparisonBox")
        self.comparisonLayout = QVBoxLayout(self.comparisonBox)
        self.comparisonLayout.setObjectName(u"comparisonLayout")
        self.nationalHint = QLabel(self.comparisonBox)
        self.nationalHint.setObjectName(u"nationalHint")
        self.nationalHint.setWordWrap(True)

        self.comparisonLayout.addWidget(self.nationalHint)

        self.nationalForm = QFormLayout()
        self.nationalForm.setObjectName(u"nationalForm")
        self.nationalSenSupportLabel = QLabel(self.comparisonBox)
        self.nationalSenSupportLabel.setObjectName(u"nationalSenSupportLabel")

        self.nationalForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nationalSenSupportLabel)

        self.nationalSenSupport = QLineEdit(self.comparisonBox)
        self.nationalSenSupport.setObjectName(u"nationalSenSupport")

        self.nationalForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nationalSenSupport)

        self.nationalEhcpLabel = QLabel(self.comparisonBox)
        self.nationalEhcpLabel.setObjectName(u"nationalEhcpLabel")

        self.nationalForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.nationalEhcpLabel)

        self.nationalEhcp = QLineEdit(self.comparisonBox)
        self.nationalEhcp.setObjectName(u"nationalEhcp")

        self.nationalForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.nationalEhcp)

        self.nationalAttendanceLabel = QLabel(self.comparisonBox)
        self.nationalAttendanceLabel.setObjectName(u"nationalAttendanceLabel")

        self.nationalForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.nationalAttendanceLabel)

        self.nationalAttendance = QLineEdit(self.comparisonBox)
        self.nationalAttendance.setObjectName(u"nationalAttendance")

        self.nationalForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.nationalAttendance)

        self.nationalAbsenceLabel = QLabel(self.comparisonBox)
        self.nationalAbsenceLabel.setObjectName(u"nationalAbsenceLabel")

        self.nationalForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.nationalAbsenceLabel)

        self.nationalAbsence = QLineEdit(self.comparisonBox)
        self.nationalAbsence.setObjectName(u"nationalAbsence")

        self.nationalForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.nationalAbsence)


        self.comparisonLayout.addLayout(self.nationalForm)

        self.useDefaults = QPushButton(self.comparisonBox)
        self.useDefaults.setObjectName(u"useDefaults")

        self.comparisonLayout.addWidget(self.useDefaults)

        self.nationalNote = QLabel(self.comparisonBox)
        self.nationalNote.setObjectName(u"nationalNote")
        self.nationalNote.setWordWrap(True)

        self.comparisonLayout.addWidget(self.nationalNote)

        self.comparison = QLabel(self.comparisonBox)
        self.comparison.setObjectName(u"comparison")
        self.comparison.setWordWrap(True)
        self.comparison.setAlignment(Qt.AlignLeading|Qt.AlignTop)
        self.comparison.setTextInteractionFlags(Qt.TextSelectableByKeyboard|Qt.TextSelectableByMouse)

        self.comparisonLayout.addWidget(self.comparison)

        self.comparisonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.comparisonLayout.addItem(self.comparisonSpacer)


        self.snapshotLayout.addWidget(self.comparisonBox)

        self.tabs.addTab(self.snapshotTab, "")
        self.timetableTab = QWidget()
        self.timetableTab.setObjectName(u"timetableTab")
        self.timetableLayout = QVBoxLayout(self.timetableTab)
        self.timetableLayout.setObjectName(u"timetableLayout")
        self.tabs.addTab(self.timetableTab, "")
        self.questionsTab = QWidget()
        self.questionsTab.setObjectName(u"questionsTab")
        self.questionsLayout = QVBoxLayout(self.questionsTab)
        self.questionsLayout.setObjectName(u"questionsLayout")
        self.tabs.addTab(self.questionsTab, "")

        self.outer.addWidget(self.tabs)

#if QT_CONFIG(shortcut)
        self.onRollLabel.setBuddy(self.onRoll)
        self.senSupportLabel.setBuddy(self.senSupport)
        self.ehcpLabel.setBuddy(self.ehcp)
        self.attendanceLabel.setBuddy(self.attendance)
        self.absenceLabel.setBuddy(self.persistentAbsence)
        self.suspensionsLabel.setBuddy(self.suspensions)
        self.exclusionsLabel.setBuddy(self.exclusions)
        self.snapshotNotesLabel.setBuddy(self.snapshotNotes)
        self.nationalSenSupportLabel.setBuddy(self.nationalSenSupport)
        self.nationalEhcpLabel.setBuddy(self.nationalEhcp)
        self.nationalAttendanceLabel.setBuddy(self.nationalAttendance)
        self.nationalAbsenceLabel.setBuddy(self.nationalAbsence)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(Preparation)

        QMetaObject.connectSlotsByName(Preparation)
    # setupUi

    def retranslateUi(self, Preparation):
#if QT_CONFIG(accessibility)
        self.tabs.setAccessibleName(QCoreApplication.translate("Preparation", u"Preparation", None))
#endif // QT_CONFIG(accessibility)
        self.documentsHint.setText(QCoreApplication.translate("Preparation", u"The documents and data you have asked the school for. Tick them off as they arrive.", None))
        ___qtablewidgetitem = self.documents.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("Preparation", u"Document", None))
        ___qtablewidgetitem1 = self.documents.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("Preparation", u"Status", None))
        ___qtablewidgetitem2 = self.documents.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("Preparation", u"Notes", None))
#if QT_CONFIG(accessibility)
        self.documents.setAccessibleName(QCoreApplication.translate("Preparation", u"Document checklist", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.newDocument.setAccessibleName(QCoreApplication.translate("Preparation", u"Document to request", None))
#endif // QT_CONFIG(accessibility)
        self.newDocument.setPlaceholderText(QCoreApplication.translate("Preparation", u"Add a document to request, then press Enter", None))
        self.addDocument.setText(QCoreApplication.translate("Preparation", u"&Add to checklist", None))
#if QT_CONFIG(accessibility)
        self.addDocument.setAccessibleName(QCoreApplication.translate("Preparation", u"Add to checklist", None))
#endif // QT_CONFIG(accessibility)
        self.addUsualDocuments.setText(QCoreApplication.translate("Preparation", u"Add the &usual documents", None))
#if QT_CONFIG(accessibility)
        self.addUsualDocuments.setAccessibleName(QCoreApplication.translate("Preparation", u"Add the usual documents", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.documentsTab), QCoreApplication.translate("Preparation", u"&Documents", None))
        self.onRollLabel.setText(QCoreApplication.translate("Preparation", u"Number on &roll:", None))
#if QT_CONFIG(accessibility)
        self.onRoll.setAccessibleName(QCoreApplication.translate("Preparation", u"Number on roll", None))
#endif // QT_CONFIG(accessibility)
        self.senSupportLabel.setText(QCoreApplication.translate("Preparation", u"Pupils on SEN &Support:", None))
#if QT_CONFIG(accessibility)
        self.senSupport.setAccessibleName(QCoreApplication.translate("Preparation", u"Number of pupils on SEN Support", None))
#endif // QT_CONFIG(accessibility)
        self.ehcpLabel.setText(QCoreApplication.translate("Preparation", u"Pupils with an &EHC plan:", None))
#if QT_CONFIG(accessibility)
        self.ehcp.setAccessibleName(QCoreApplication.translate("Preparation", u"Number of pupils with an EHC plan", None))
#endif // QT_CONFIG(accessibility)
        self.attendanceLabel.setText(QCoreApplication.translate("Preparation", u"Atte&ndance (%):", None))
#if QT_CONFIG(accessibility)
        self.attendance.setAccessibleName(QCoreApplication.translate("Preparation", u"Attendance percentage", None))
#endif // QT_CONFIG(accessibility)
        self.absenceLabel.setText(QCoreApplication.translate("Preparation", u"&Persistent absence (%):", None))
#if QT_CONFIG(accessibility)
        self.persistentAbsence.setAccessibleName(QCoreApplication.translate("Preparation", u"Persistent absence percentage", None))
#endif // QT_CONFIG(accessibility)
        self.suspensionsLabel.setText(QCoreApplication.translate("Preparation", u"Suspensions this ye&ar:", None))
#if QT_CONFIG(accessibility)
        self.suspensions.setAccessibleName(QCoreApplication.translate("Preparation", u"Number of suspensions", None))
#endif // QT_CONFIG(accessibility)
        self.exclusionsLabel.setText(QCoreApplication.translate("Preparation", u"Permanent e&xclusions:", None))
#if QT_CONFIG(accessibility)
        self.exclusions.setAccessibleName(QCoreApplication.translate("Preparation", u"Number of permanent exclusions", None))
#endif // QT_CONFIG(accessibility)
        self.snapshotNotesLabel.setText(QCoreApplication.translate("Preparation", u"N&otes on the data:", None))
#if QT_CONFIG(accessibility)
        self.snapshotNotes.setAccessibleName(QCoreApplication.translate("Preparation", u"Notes on the data", None))
#endif // QT_CONFIG(accessibility)
        self.comparisonBox.setTitle(QCoreApplication.translate("Preparation", u"Compared with national figures", None))
        self.nationalHint.setText(QCoreApplication.translate("Preparation", u"National figures change every year; check them and edit them here for this review.", None))
        self.nationalSenSupportLabel.setText(QCoreApplication.translate("Preparation", u"National SEN Support (%):", None))
#if QT_CONFIG(accessibility)
        self.nationalSenSupport.setAccessibleName(QCoreApplication.translate("Preparation", u"National SEN Support percentage", None))
#endif // QT_CONFIG(accessibility)
        self.nationalEhcpLabel.setText(QCoreApplication.translate("Preparation", u"National EHC plans (%):", None))
#if QT_CONFIG(accessibility)
        self.nationalEhcp.setAccessibleName(QCoreApplication.translate("Preparation", u"National EHC plan percentage", None))
#endif // QT_CONFIG(accessibility)
        self.nationalAttendanceLabel.setText(QCoreApplication.translate("Preparation", u"National attendance (%):", None))
#if QT_CONFIG(accessibility)
        self.nationalAttendance.setAccessibleName(QCoreApplication.translate("Preparation", u"National attendance percentage", None))
#endif // QT_CONFIG(accessibility)
        self.nationalAbsenceLabel.setText(QCoreApplication.translate("Preparation", u"National persistent absence (%):", None))
#if QT_CONFIG(accessibility)
        self.nationalAbsence.setAccessibleName(QCoreApplication.translate("Preparation", u"National persistent absence percentage", None))
#endif // QT_CONFIG(accessibility)
        self.useDefaults.setText(QCoreApplication.translate("Preparation", u"Use the default national figures", None))
#if QT_CONFIG(accessibility)
        self.useDefaults.setAccessibleName(QCoreApplication.translate("Preparation", u"Use the default national figures", None))
#endif // QT_CONFIG(accessibility)
        self.nationalNote.setText("")
        self.comparison.setText("")
#if QT_CONFIG(accessibility)
        self.comparison.setAccessibleDescription(QCoreApplication.translate("Preparation", u"Comparison with national figures", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.snapshotTab), QCoreApplication.translate("Preparation", u"School da&ta", None))
        self.tabs.setTabText(self.tabs.indexOf(self.timetableTab), QCoreApplication.translate("Preparation", u"&Visit timetable", None))
        self.tabs.setTabText(self.tabs.indexOf(self.questionsTab), QCoreApplication.translate("Preparation", u"&Questions to explore", None))
        pass
    # retranslateUi

