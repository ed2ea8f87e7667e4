# Layout
site-tagline = Bürgerbüro online
skip-to-content = Zum Inhalt springen
nav-language = Sprache wählen
nav-staff = Mitarbeiterbereich
nav-workspace = Arbeitsbereich
nav-audit = Protokoll
nav-admin = Verwaltung
signed-in-as = Angemeldet als { $name }
logout = Abmelden
demo-banner = Demo-Installation: Alle Daten sind erfunden. E-Mails werden nicht versendet, sondern im Postausgang gesammelt.
contact-phone = Telefon
contact-email = E-Mail
staff-login = Anmeldung für Mitarbeitende
api-docs = Programmierschnittstelle (API)
title-error-prefix = Fehler:
error-summary-title = Bitte korrigieren Sie Folgendes
back-to-start = Zur Startseite
error-code = Fehlercode

# Start page
home-title = Startseite
home-heading = Willkommen im Bürgerbüro { $tenant }
home-lead = Hier erledigen Sie Ihre Anliegen bei der Stadtverwaltung – online, am Terminal, per Video oder vor Ort.
home-contact-heading = So erreichen Sie uns

# Login
login-title = Anmelden
login-lead = Anmeldung für Mitarbeiterinnen und Mitarbeiter der Verwaltung.
field-email = E-Mail-Adresse
field-password = Passwort
login-submit = Anmelden
login-failed = E-Mail-Adresse oder Passwort ist falsch.
login-throttled = Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.

# Setting a password
password-title = Passwort festlegen
password-lead-invitation = Sie wurden eingeladen. Legen Sie ein Passwort für { $email } fest.
password-lead-reset = Legen Sie ein neues Passwort für { $email } fest.
field-new-password = Neues Passwort
hint-new-password = Mindestens 12 Zeichen. Ein Satz aus mehreren Wörtern ist leicht zu merken und sicher.
field-password-confirm = Passwort wiederholen
password-submit = Passwort speichern

# Staff workspace
workspace-title = Arbeitsbereich
workspace-welcome = Guten Tag, { $name }.
workspace-role = Ihre Rolle
workspace-appointments-lead = Termine je Standort und Schalter, Tag und Woche; vor Ort markieren, verlegen, absagen.
workspace-phone-lead = Einen Termin für eine anrufende Person buchen.
role-admin = Administration
role-supervisor = Teamleitung
role-clerk = Sachbearbeitung
audit-lead = Wer hat wann was geändert: das manipulationssichere Protokoll aller Änderungen.
admin-lead = Einstellungen der Kommune, Mitarbeitende, Protokoll und Postausgang.

# Notices after redirects
notice-password-set = Ihr Passwort wurde gespeichert. Sie können sich jetzt anmelden.
notice-logged-out = Sie wurden abgemeldet.
notice-settings-saved = Die Einstellungen wurden gespeichert.
notice-staff-invited = Die Einladung wurde verschickt.
notice-staff-updated = Das Konto wurde geändert.
notice-reset-sent = Ein Link zum Zurücksetzen des Passworts wurde verschickt.

# Error pages
error-400-title = Die Anfrage ist ungültig
error-400-text = Die Anfrage konnte nicht verarbeitet werden. Bitte prüfen Sie Ihre Eingaben und versuchen Sie es erneut.
error-403-title = Kein Zugriff
error-403-text = Sie haben keine Berechtigung, diese Seite aufzurufen.
error-404-title = Seite nicht gefunden
error-404-text = Diese Seite gibt es nicht. Wenn Sie die Adresse eingegeben haben, prüfen Sie bitte die Schreibweise.
error-409-title = Konflikt
error-409-text = Die Änderung passt nicht zum aktuellen Stand, zum Beispiel weil es den Eintrag schon gibt.
error-413-title = Die Daten sind zu groß
error-413-text = Die gesendeten Daten überschreiten die zulässige Größe.
error-429-title = Zu viele Anfragen
error-429-text = Bitte warten Sie einen Moment und versuchen Sie es dann erneut.
error-csrf-title = Die Sitzung ist abgelaufen
error-csrf-text = Das Formular ist abgelaufen oder wurde von einer anderen Seite gesendet. Bitte laden Sie die Seite neu und senden Sie es noch einmal.
error-500-title = Es ist ein Fehler aufgetreten
error-500-text = Bei uns ist etwas schiefgelaufen. Ihre bereits gespeicherten Daten sind nicht verloren. Bitte versuchen Sie es später erneut.
unknown-host-title = Unbekannte Adresse
unknown-host-text = Diese Adresse ist keiner Kommune zugeordnet. Bitte prüfen Sie die Internetadresse.

# Validation messages (domain codes)
invalid-required = Bitte füllen Sie dieses Feld aus.
invalid-email = Geben Sie eine E-Mail-Adresse im Format name@beispiel.de ein.
invalid-ags-format = Der Gemeindeschlüssel besteht aus genau 8 Ziffern.
invalid-ags-state = Die ersten beiden Ziffern des Gemeindeschlüssels müssen ein Bundesland bezeichnen (01 bis 16).
invalid-federal-state = Wählen Sie ein Bundesland.
invalid-role = Wählen Sie eine Rolle.
invalid-slug = Verwenden Sie nur Kleinbuchstaben, Ziffern und Bindestriche (2 bis 64 Zeichen).
invalid-language = Diese Sprache wird nicht unterstützt.
invalid-password-short = Das Passwort muss mindestens 12 Zeichen lang sein.
invalid-password-long = Das Passwort darf höchstens 256 Zeichen lang sein.
invalid-password-common = Dieses Passwort ist zu leicht zu erraten. Wählen Sie ein anderes.
invalid-password-mismatch = Die beiden Passwörter stimmen nicht überein.
invalid-colour-format = Geben Sie eine Farbe im Format #1d4f91 ein.
invalid-colour-contrast = Diese Farbe ist zu hell: Weiße Schrift darauf wäre schlecht lesbar (Kontrast mindestens 4,5:1).
