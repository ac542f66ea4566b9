# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'learning_walk.ui'
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
from PySide6.QtWidgets import (QApplication, QCheckBox, QFrame, QGridLayout,
    QHBoxLayout, QLabel, QLineEdit, QListView,
    QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
    QScrollArea, QSizePolicy, QSpacerItem, QSpinBox,
    QSplitter, QVBoxLayout, QWidget)

class Ui_LearningWalk(object):
    def setupUi(self, LearningWalk):
        if not LearningWalk.objectName():
            LearningWalk.setObjectName(u"LearningWalk")
        LearningWalk.resize(1060, 600)
        self.outer = QHBoxLayout(LearningWalk)
        self.outer.setObjectName(u"outer")
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(LearningWalk)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.walkPanel = QFrame(self.splitter)
        self.walkPanel.setObjectName(u"walkPanel")
        self.walkPanel.setMinimumSize(QSize(170, 0))
        self.walkLayout = QVBoxLayout(self.walkPanel)
        self.walkLayout.setObjectName(u"walkLayout")
        self.walkLayout.setContentsMargins(0, -1, -1, -1)
        self.walkLabel = QLabel(self.walkPanel)
        self.walkLabel.setObjectName(u"walkLabel")
        self.walkLabel.setWordWrap(True)

        self.walkLayout.addWidget(self.walkLabel)

        self.observations = QListWidget(self.walkPanel)
        self.observations.setObjectName(u"observations")
        self.observations.setWordWrap(True)
        self.observations.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self.walkLayout.addWidget(self.observations)

        self.countsTitle = QLabel(self.walkPanel)
        self.countsTitle.setObjectName(u"countsTitle")
        self.countsTitle.setWordWrap(True)

        self.walkLayout.addWidget(self.countsTitle)

        self.areaCounts = QLabel(self.walkPanel)
        self.areaCounts.setObjectName(u"areaCounts")
        self.areaCounts.setWordWrap(True)
        self.areaCounts.setTextInteractionFlags(Qt.TextSelectableByKeyboard|Qt.TextSelectableByMouse)

        self.walkLayout.addWidget(self.areaCounts)

        self.splitter.addWidget(self.walkPanel)
        self.capturePanel = QFrame(self.splitter)
        self.capturePanel.setObjectName(u"capturePanel")
        self.captureLayout = QVBoxLayout(self.capturePanel)
        self.captureLayout.setObjectName(u"captureLayout")
        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.nextRoom = QPushButton(self.capturePanel)
        self.nextRoom.setObjectName(u"nextRoom")
        self.nextRoom.setMinimumSize(QSize(160, 48))

        self.buttonRow.addWidget(self.nextRoom)

        self.endObservation = QPushButton(self.capturePanel)
        self.endObservation.setObjectName(u"endObservation")
        self.endObservation.setMinimumSize(QSize(120, 48))

        self.buttonRow.addWidget(self.endObservation)

        self.buttonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.buttonSpacer)


        self.captureLayout.addLayout(self.buttonRow)

        self.clock = QLabel(self.capturePanel)
        self.clock.setObjectName(u"clock")
        self.clock.setWordWrap(True)

        self.captureLayout.addWidget(self.clock)

        self.fieldsScroll = QScrollArea(self.capturePanel)
        self.fieldsScroll.setObjectName(u"fieldsScroll")
        self.fieldsScroll.setWidgetResizable(True)
        self.fieldsScroll.setFrameShape(QFrame.NoFrame)
        self.fields = QWidget()
        self.fields.setObjectName(u"fields")
        self.fieldsGrid = QGridLayout(self.fields)
        self.fieldsGrid.setObjectName(u"fieldsGrid")
        self.roomLabel = QLabel(self.fields)
        self.roomLabel.setObjectName(u"roomLabel")

        self.fieldsGrid.addWidget(self.roomLabel, 0, 0, 1, 1)

        self.yearLabel = QLabel(self.fields)
        self.yearLabel.setObjectName(u"yearLabel")

        self.fieldsGrid.addWidget(self.yearLabel, 0, 1, 1, 1)

        self.subjectLabel = QLabel(self.fields)
        self.subjectLabel.setObjectName(u"subjectLabel")

        self.fieldsGrid.addWidget(self.subjectLabel, 0, 2, 1, 1)

        self.room = QLineEdit(self.fields)
        self.room.setObjectName(u"room")

        self.fieldsGrid.addWidget(self.room, 1, 0, 1, 1)

        self.yearGroup = QLineEdit(self.fields)
        self.yearGroup.setObjectName(u"yearGroup")

        self.fieldsGrid.addWidget(self.yearGroup, 1, 1, 1, 1)

        self.subject = QLineEdit(self.fields)
        self.subject.setObjectName(u"subject")

        self.fieldsGrid.addWidget(self.subject, 1, 2, 1, 1)

        self.areaBar = QWidget(self.fields)
        self.areaBar.setObjectName(u"areaBar")

        self.fieldsGrid.addWidget(self.areaBar, 2, 0, 1, 3)

        self.teacherPresent = QCheckBox(self.fields)
        self.teacherPresent.setObjectName(u"teacherPresent")

        self.fieldsGrid.addWidget(self.teacherPresent, 3, 0, 1, 1)

        self.tasLabel = QLabel(self.fields)
        self.tasLabel.setObjectName(u"tasLabel")
        self.tasLabel.setWordWrap(True)

        self.fieldsGrid.addWidget(self.tasLabel, 3, 1, 1, 1)

        self.tas = QSpinBox(self.fields)
        self.tas.setObjectName(u"tas")
        self.tas.setMaximum(20)

        self.fieldsGrid.addWidget(self.tas, 3, 2, 1, 1)

        self.supportLabel = QLabel(self.fields)
        self.supportLabel.setObjectName(u"supportLabel")

        self.fieldsGrid.addWidget(self.supportLabel, 4, 0, 1, 3)

        self.support = QPlainTextEdit(self.fields)
        self.support.setObjectName(u"support")
        self.support.setTabChangesFocus(True)

        self.fieldsGrid.addWidget(self.support, 5, 0, 1, 3)

        self.notesLabel = QLabel(self.fields)
        self.notesLabel.setObjectName(u"notesLabel")

        self.fieldsGrid.addWidget(self.notesLabel, 6, 0, 1, 3)

        self.notes = QPlainTextEdit(self.fields)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.fieldsGrid.addWidget(self.notes, 7, 0, 1, 3)

        self.strengthsLabel = QLabel(self.fields)
        self.strengthsLabel.setObjectName(u"strengthsLabel")

        self.fieldsGrid.addWidget(self.strengthsLabel, 8, 0, 1, 3)

        self.strengths = QPlainTextEdit(self.fields)
        self.strengths.setObjectName(u"strengths")
        self.strengths.setTabChangesFocus(True)

        self.fieldsGrid.addWidget(self.strengths, 9, 0, 1, 3)

        self.considerLabel = QLabel(self.fields)
        self.considerLabel.setObjectName(u"considerLabel")

        self.fieldsGrid.addWidget(self.considerLabel, 10, 0, 1, 3)

        self.consider = QPlainTextEdit(self.fields)
        self.consider.setObjectName(u"consider")
        self.consider.setTabChangesFocus(True)

        self.fieldsGrid.addWidget(self.consider, 11, 0, 1, 3)

        self.voiceLabel = QLabel(self.fields)
        self.voiceLabel.setObjectName(u"voiceLabel")

        self.fieldsGrid.addWidget(self.voiceLabel, 12, 0, 1, 3)

        self.pupilVoice = QPlainTextEdit(self.fields)
        self.pupilVoice.setObjectName(u"pupilVoice")
        self.pupilVoice.setTabChangesFocus(True)

        self.fieldsGrid.addWidget(self.pupilVoice, 13, 0, 1, 3)

        self.photoPanel = QFrame(self.fields)
        self.photoPanel.setObjectName(u"photoPanel")
        self.photoLayout = QVBoxLayout(self.photoPanel)
        self.photoLayout.setObjectName(u"photoLayout")
        self.photoLayout.setContentsMargins(0, -1, 0, -1)
        self.photoButtons = QHBoxLayout()
        self.photoButtons.setObjectName(u"photoButtons")
        self.addPhoto = QPushButton(self.photoPanel)
        self.addPhoto.setObjectName(u"addPhoto")
        self.addPhoto.setMinimumSize(QSize(140, 40))

        self.photoButtons.addWidget(self.addPhoto)

        self.photoReminder = QLabel(self.photoPanel)
        self.photoReminder.setObjectName(u"photoReminder")
        self.photoReminder.setWordWrap(True)

        self.photoButtons.addWidget(self.photoReminder)


        self.photoLayout.addLayout(self.photoButtons)

        self.photos = QListWidget(self.photoPanel)
        self.photos.setObjectName(u"photos")
        self.photos.setViewMode(QListView.IconMode)
        self.photos.setFlow(QListView.LeftToRight)
        self.photos.setWrapping(False)
        self.photos.setMaximumSize(QSize(16777215, 120))

        self.photoLayout.addWidget(self.photos)


        self.fieldsGrid.addWidget(self.photoPanel, 14, 0, 1, 3)

        self.fieldsScroll.setWidget(self.fields)

        self.captureLayout.addWidget(self.fieldsScroll)

        self.splitter.addWidget(self.capturePanel)
        self.lookForPanel = QFrame(self.splitter)
        self.lookForPanel.setObjectName(u"lookForPanel")
        self.lookForPanel.setMinimumSize(QSize(260, 0))
        self.lookForLayout = QVBoxLayout(self.lookForPanel)
        self.lookForLayout.setObjectName(u"lookForLayout")
        self.lookForLayout.setContentsMargins(-1, -1, 0, -1)
        self.lookForTitle = QLabel(self.lookForPanel)
        self.lookForTitle.setObjectName(u"lookForTitle")
        self.lookForTitle.setWordWrap(True)

        self.lookForLayout.addWidget(self.lookForTitle)

        self.lookForHint = QLabel(self.lookForPanel)
        self.lookForHint.setObjectName(u"lookForHint")
        self.lookForHint.setWordWrap(True)

        self.lookForLayout.addWidget(self.lookForHint)

        self.lookForScroll = QScrollArea(self.lookForPanel)
        self.lookForScroll.setObjectName(u"lookForScroll")
        self.lookForScroll.setWidgetResizable(True)
        self.lookForBody = QWidget()
        self.lookForBody.setObjectName(u"lookForBody")
        self.lookForScroll.setWidget(self.lookForBody)

        self.lookForLayout.addWidget(self.lookForScroll)

        self.splitter.addWidget(self.lookForPanel)

        self.outer.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.walkLabel.setBuddy(self.observations)
        self.roomLabel.setBuddy(self.room)
        self.yearLabel.setBuddy(self.yearGroup)
        self.subjectLabel.setBuddy(self.subject)
        self.tasLabel.setBuddy(self.tas)
        self.supportLabel.setBuddy(self.support)
        self.notesLabel.setBuddy(self.notes)
        self.strengthsLabel.setBuddy(self.strengths)
        self.considerLabel.setBuddy(self.consider)
        self.voiceLabel.setBuddy(self.pupilVoice)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.room, self.yearGroup)
        QWidget.setTabOrder(self.yearGroup, self.subject)
        QWidget.setTabOrder(self.subject, self.teacherPresent)
        QWidget.setTabOrder(self.teacherPresent, self.tas)
        QWidget.setTabOrder(self.tas, self.support)
        QWidget.setTabOrder(self.support, self.notes)
        QWidget.setTabOrder(self.notes, self.strengths)
        QWidget.setTabOrder(self.strengths, self.consider)
        QWidget.setTabOrder(self.consider, self.pupilVoice)
        QWidget.setTabOrder(self.pupilVoice, self.addPhoto)
        QWidget.setTabOrder(self.addPhoto, self.photos)
        QWidget.setTabOrder(self.photos, self.nextRoom)
        QWidget.setTabOrder(self.nextRoom, self.endObservation)
        QWidget.setTabOrder(self.endObservation, self.observations)

        self.retranslateUi(LearningWalk)

        QMetaObject.connectSlotsByName(LearningWalk)
    # setupUi

    def retranslateUi(self, LearningWalk):
        self.walkLabel.setText(QCoreApplication.translate("LearningWalk", u"&Observations on this walk", None))
#if QT_CONFIG(accessibility)
        self.observations.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Observations on this walk", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.observations.setAccessibleDescription(QCoreApplication.translate("LearningWalk", u"Choose one to look at it again or carry on typing into it", None))
#endif // QT_CONFIG(accessibility)
        self.countsTitle.setText(QCoreApplication.translate("LearningWalk", u"Observations per focus area", None))
        self.areaCounts.setText("")
#if QT_CONFIG(accessibility)
        self.areaCounts.setAccessibleDescription(QCoreApplication.translate("LearningWalk", u"Observations per focus area", None))
#endif // QT_CONFIG(accessibility)
        self.nextRoom.setText(QCoreApplication.translate("LearningWalk", u"&Next room", None))
#if QT_CONFIG(tooltip)
        self.nextRoom.setToolTip(QCoreApplication.translate("LearningWalk", u"Close this observation and start the next one (Ctrl+Enter or Ctrl+N)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.nextRoom.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Next room", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.nextRoom.setAccessibleDescription(QCoreApplication.translate("LearningWalk", u"Closes this observation and starts a new one with its own clock", None))
#endif // QT_CONFIG(accessibility)
        self.endObservation.setText(QCoreApplication.translate("LearningWalk", u"L&eave room", None))
#if QT_CONFIG(tooltip)
        self.endObservation.setToolTip(QCoreApplication.translate("LearningWalk", u"Stop the clock on this observation (Ctrl+E)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.endObservation.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Leave room: stop the clock", None))
#endif // QT_CONFIG(accessibility)
        self.clock.setText("")
#if QT_CONFIG(accessibility)
        self.clock.setAccessibleDescription(QCoreApplication.translate("LearningWalk", u"Observation clock", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.fieldsScroll.setAccessibleName(QCoreApplication.translate("LearningWalk", u"This observation", None))
#endif // QT_CONFIG(accessibility)
        self.roomLabel.setText(QCoreApplication.translate("LearningWalk", u"&Room or class", None))
        self.yearLabel.setText(QCoreApplication.translate("LearningWalk", u"Year gro&up", None))
        self.subjectLabel.setText(QCoreApplication.translate("LearningWalk", u"Su&bject", None))
#if QT_CONFIG(accessibility)
        self.room.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Room or class", None))
#endif // QT_CONFIG(accessibility)
        self.room.setPlaceholderText(QCoreApplication.translate("LearningWalk", u"e.g. Oak class", None))
#if QT_CONFIG(accessibility)
        self.yearGroup.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Year group", None))
#endif // QT_CONFIG(accessibility)
        self.yearGroup.setPlaceholderText(QCoreApplication.translate("LearningWalk", u"e.g. Y4", None))
#if QT_CONFIG(accessibility)
        self.subject.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Subject", None))
#endif // QT_CONFIG(accessibility)
        self.subject.setPlaceholderText(QCoreApplication.translate("LearningWalk", u"e.g. maths", None))
#if QT_CONFIG(accessibility)
        self.areaBar.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Focus areas", None))
#endif // QT_CONFIG(accessibility)
        self.teacherPresent.setText(QCoreApplication.translate("LearningWalk", u"&Teacher present", None))
#if QT_CONFIG(accessibility)
        self.teacherPresent.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Teacher present", None))
#endif // QT_CONFIG(accessibility)
        self.tasLabel.setText(QCoreApplication.translate("LearningWalk", u"Teaching &assistants", None))
#if QT_CONFIG(accessibility)
        self.tas.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Number of teaching assistants", None))
#endif // QT_CONFIG(accessibility)
        self.supportLabel.setText(QCoreApplication.translate("LearningWalk", u"How support was &deployed", None))
#if QT_CONFIG(accessibility)
        self.support.setAccessibleName(QCoreApplication.translate("LearningWalk", u"How support was deployed", None))
#endif // QT_CONFIG(accessibility)
        self.notesLabel.setText(QCoreApplication.translate("LearningWalk", u"&What you saw", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("LearningWalk", u"What you saw", None))
#endif // QT_CONFIG(accessibility)
        self.strengthsLabel.setText(QCoreApplication.translate("LearningWalk", u"&Strengths", None))
#if QT_CONFIG(accessibility)
        self.strengths.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Strengths", None))
#endif // QT_CONFIG(accessibility)
        self.considerLabel.setText(QCoreApplication.translate("LearningWalk", u"Areas for &consideration", None))
#if QT_CONFIG(accessibility)
        self.consider.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Areas for consideration", None))
#endif // QT_CONFIG(accessibility)
        self.voiceLabel.setText(QCoreApplication.translate("LearningWalk", u"&Pupil voice (quotes)", None))
#if QT_CONFIG(accessibility)
        self.pupilVoice.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Pupil voice quotes", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.photoPanel.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Photos", None))
#endif // QT_CONFIG(accessibility)
        self.addPhoto.setText(QCoreApplication.translate("LearningWalk", u"Add photo\u2026", None))
#if QT_CONFIG(accessibility)
        self.addPhoto.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Add photo", None))
#endif // QT_CONFIG(accessibility)
        self.photoReminder.setText(QCoreApplication.translate("LearningWalk", u"Please photograph work and displays, not pupils' faces. You can also drop picture files here.", None))
#if QT_CONFIG(accessibility)
        self.photos.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Photos of this observation", None))
#endif // QT_CONFIG(accessibility)
        self.lookForTitle.setText(QCoreApplication.translate("LearningWalk", u"Look-fors and statements", None))
        self.lookForHint.setText(QCoreApplication.translate("LearningWalk", u"Alt+1 to Alt+9 tick the numbered look-fors. Ticking one links this observation to its statement.", None))
#if QT_CONFIG(accessibility)
        self.lookForScroll.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Look-fors and statements", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.lookForScroll.setAccessibleName(QCoreApplication.translate("LearningWalk", u"Look-fors", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

