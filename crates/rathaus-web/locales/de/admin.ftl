# Administration: overview
admin-title = Verwaltung
admin-overview-lead = Hier verwalten Sie die Einstellungen Ihrer Kommune, die Zugänge der Mitarbeitenden, das Protokoll und den Postausgang.
admin-back = Zurück zur Verwaltung
admin-settings-card = Name, Anschrift, Kontakt, Zeitzone, Farbe, Sprachen und Logo der Kommune.
admin-staff-card = Zugänge der Mitarbeitenden: einladen, Rollen ändern, deaktivieren, Passwort zurücksetzen.
admin-audit-card = Wer hat wann was geändert? Das unveränderliche Protokoll aller Änderungen.
admin-outbox-card = Alle E-Mails, die das System verschickt hat oder verschicken wird.

# Pagination
admin-pagination = Seitennavigation
admin-page-of = Seite { $page } von { $pages }
admin-page-prev = Vorherige Seite
admin-page-next = Nächste Seite

# Settings
admin-settings-title = Einstellungen der Kommune
admin-settings-municipality = Kommune
admin-settings-contact = Anschrift und Kontakt
admin-settings-appearance = Zeitzone, Darstellung und Sprachen
admin-settings-save = Einstellungen speichern
admin-field-name = Name der Kommune
admin-field-ags = Amtlicher Gemeindeschlüssel (AGS)
admin-hint-ags = 8 Ziffern, zum Beispiel 05315000 für Köln.
admin-field-federal-state = Bundesland
admin-field-street = Straße und Hausnummer
admin-field-postal-code = Postleitzahl
admin-field-city = Ort
admin-field-contact-email = E-Mail-Adresse für Bürgerinnen und Bürger
admin-hint-contact-email = Wird auf jeder Seite angezeigt.
admin-field-contact-phone = Telefonnummer
admin-hint-optional = Optional.
admin-field-time-zone = Zeitzone
admin-hint-time-zone = Alle Zeiten (Termine, Protokoll) werden in dieser Zeitzone angezeigt.
admin-field-accent-colour = Akzentfarbe
admin-hint-accent-colour = Im Format #rrggbb, zum Beispiel #0b5cad. Weiße Schrift muss darauf gut lesbar sein (Kontrast mindestens 4,5:1), sonst wird die Farbe abgelehnt.
admin-field-languages = Sprachen
admin-hint-languages = Deutsch ist immer eingeschaltet. Wählen Sie, welche Sprachen zusätzlich angeboten werden.
admin-language-en = Englisch
admin-invalid-postal-code = Die Postleitzahl besteht aus genau 5 Ziffern.
admin-invalid-time-zone = Wählen Sie eine Zeitzone aus der Liste.
admin-invalid-state-mismatch = Das Bundesland passt nicht zum Gemeindeschlüssel: Dessen erste beiden Ziffern bezeichnen ein anderes Bundesland.
admin-invalid-ags-taken = Dieser Gemeindeschlüssel ist bereits einer anderen Kommune zugeordnet.

# Logo
admin-logo-title = Logo
admin-logo-current = Aktuelles Logo
admin-logo-none = Es ist noch kein Logo hinterlegt.
admin-field-logo = Neues Logo hochladen
admin-hint-logo = PNG oder JPEG, höchstens 512 KiB. Am besten quadratisch, mindestens 80 × 80 Pixel.
admin-logo-upload = Logo hochladen
admin-logo-remove = Logo entfernen
admin-logo-missing = Wählen Sie eine Bilddatei aus.
admin-logo-too-large = Die Datei ist zu groß. Das Logo darf höchstens 512 KiB groß sein.
admin-logo-wrong-type = Die Datei ist kein PNG- oder JPEG-Bild. Andere Formate werden nicht angenommen.

# Host names
admin-hosts-title = Adressen (Hostnamen)
admin-hosts-lead = Unter diesen Adressen ist das Bürgerbüro Ihrer Kommune erreichbar. Änderungen nimmt der Betrieb vor.

# Staff
admin-staff-title = Mitarbeitende
admin-staff-back = Zurück zu den Mitarbeitenden
admin-staff-caption = Zugänge der Mitarbeitenden
admin-col-name = Name
admin-col-email = E-Mail-Adresse
admin-col-role = Rolle
admin-col-status = Status
admin-col-last-login = Letzte Anmeldung
admin-col-actions = Aktionen
admin-staff-you = Sie
admin-staff-active = Aktiv
admin-staff-inactive = Deaktiviert
admin-staff-pending = Einladung offen
admin-staff-never = Noch nie
admin-staff-role-for = Rolle von { $name }
admin-staff-change-role = Rolle ändern
admin-staff-deactivate = Deaktivieren
admin-staff-reactivate = Wieder aktivieren
admin-staff-send-reset = Link zum Zurücksetzen des Passworts senden
admin-staff-note = Deaktivierte Mitarbeitende werden sofort abgemeldet und können sich nicht mehr anmelden. Ihr eigenes Konto können Sie weder deaktivieren noch herabstufen. Ein Link zum Zurücksetzen des Passworts ist 24 Stunden gültig.

# Invitation
admin-invite-title = Mitarbeiterin oder Mitarbeiter einladen
admin-invite-lead = Die Person erhält eine E-Mail mit einem Link, über den sie ihr Passwort festlegt. Der Link ist 7 Tage gültig.
admin-field-person-name = Vor- und Nachname
admin-field-role = Rolle
admin-invite-submit = Einladung senden
admin-invalid-email-taken = Für diese E-Mail-Adresse gibt es bereits einen Zugang.

# Audit log
admin-audit-title = Protokoll
admin-audit-lead = Das Protokoll kann nur ergänzt, aber nicht geändert oder gelöscht werden. Jeder Eintrag enthält eine Prüfsumme seines Vorgängers (Hash-Kette), sodass nachträgliche Änderungen auffallen.
admin-audit-caption = Protokolleinträge, neueste zuerst
admin-audit-empty = Das Protokoll ist noch leer.
admin-audit-total = Einträge insgesamt: { $count }
admin-col-seq = Nr.
admin-col-time = Zeit
admin-col-actor = Wer
admin-col-action = Aktion
admin-col-target = Betrifft
admin-col-details = Einzelheiten

# Outbox
admin-outbox-title = Postausgang
admin-outbox-lead = Alle E-Mails, die das System im Namen Ihrer Kommune verschickt hat oder verschicken wird.
admin-outbox-back = Zurück zum Postausgang
admin-outbox-caption = Ausgehende Nachrichten, neueste zuerst
admin-outbox-empty = Der Postausgang ist leer.
admin-col-recipient = Empfänger
admin-col-subject = Betreff
admin-outbox-state-queued = Wartet auf Versand
admin-outbox-state-held = Zurückgehalten
admin-outbox-state-sent = Verschickt
admin-outbox-state-failed = Fehlgeschlagen
admin-message-headers = Kopfzeilen der Nachricht
admin-message-created = Erstellt
admin-message-attempts = Zustellversuche
admin-message-sent = Verschickt am
admin-message-last-error = Letzter Fehler
admin-message-text = Textfassung
admin-message-html = HTML-Fassung
admin-message-html-note = Die HTML-Fassung wird abgeschottet angezeigt: ohne Skripte und ohne Inhalte aus dem Internet.
admin-message-html-frame = HTML-Fassung der Nachricht
admin-message-html-source = HTML-Quelltext anzeigen
admin-message-attachments = Anhänge
admin-message-no-attachments = Keine Anhänge.
admin-message-bytes = { $count } Bytes
