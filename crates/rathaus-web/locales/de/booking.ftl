# Citizen appointment booking: steps, hold, confirmation, manage page, lottery.
# Every key starts with `booking-`.

booking-step = Schritt { $n } von 6
booking-continue = Weiter
booking-change = ändern
booking-back = Zurück
booking-for = Für:
booking-abandon = Abbrechen und Zeit freigeben
booking-code = Buchungscode

# Step 1
booking-start-title = Termin buchen
booking-start-lead = Wählen Sie, was Sie erledigen möchten. Mehrere Anliegen können Sie in einem Termin verbinden.
booking-start-services = Ihre Anliegen
booking-start-minutes = (etwa { $minutes } Minuten pro Person)
booking-start-more = Weitere Anliegen hinzufügen
booking-start-persons = Für wie viele Personen?
booking-start-persons-hint = Zum Beispiel 2, wenn Sie für sich und Ihr Kind einen Ausweis beantragen.

# Step 2
booking-places-title = Standort wählen
booking-places-legend = Wo möchten Sie hingehen?
booking-place-anywhere = Frühester Termin an allen Standorten
booking-places-earliest = Nächster freier Termin: { $when }
booking-places-none-free = Derzeit keine freien Termine in den nächsten vier Wochen.
booking-places-step-free = Stufenlos erreichbar.

# Step 3
booking-times-title = Tag und Uhrzeit wählen
booking-days-title = Tage mit freien Terminen
booking-days-none = In diesem Zeitraum gibt es leider keine freien Termine. Sehen Sie sich spätere Tage an oder wählen Sie einen anderen Standort.
booking-days-count = { $count } freie Zeiten
booking-days-pages = Weitere Tage
booking-days-earlier = Frühere Tage
booking-days-later = Spätere Tage
booking-times-day = Freie Zeiten am { $date }
booking-times-legend = Uhrzeit
booking-times-none = An diesem Tag ist leider keine Zeit mehr frei.
booking-times-alternatives = Diese Zeiten sind noch frei
booking-times-hold = Zeit reservieren und weiter
booking-pow-working = Ihr Browser bereitet die Buchung vor …
booking-pow-done = Bereit.

# Hold
booking-held-title = Diese Zeit ist für Sie reserviert
booking-held-until = Wir halten sie bis { $time } Uhr für Sie frei. Schließen Sie die Buchung bis dahin ab.

# Step 4
booking-contact-title = Ihre Kontaktdaten
booking-contact-lead = Wir schicken Ihnen die Bestätigung und eine Erinnerung. Geben Sie eine E-Mail-Adresse oder eine Mobilnummer an, gerne auch beides.
booking-contact-name = Vor- und Nachname
booking-contact-email = E-Mail-Adresse
booking-contact-email-hint = Für die Bestätigung mit Kalendereintrag.
booking-contact-phone = Mobilnummer
booking-contact-phone-hint = Für eine Erinnerung per SMS, zum Beispiel 0170 1234567.

# Step 5
booking-consent-title = Einwilligung
booking-consent-what = Welche Daten wir speichern
booking-consent-data = Ihren Namen, Ihre E-Mail-Adresse und/oder Mobilnummer sowie Ihre Anliegen und die Zeit des Termins.
booking-consent-why = Wofür
booking-consent-purpose = Nur für diesen Termin: für die Bestätigung, die Erinnerung, eine nötige Absage oder Verlegung und Ihren Aufruf vor Ort.
booking-consent-how-long = Wie lange
booking-consent-retention = Wir löschen Ihre Kontaktdaten 30 Tage nach dem Termin. Sie können den Termin jederzeit absagen.
booking-consent-label = Ich bin einverstanden, dass meine Angaben für diesen Termin verarbeitet werden.

# Step 6
booking-summary-title = Angaben prüfen
booking-summary-appointment = Ihr Termin
booking-summary-services = Anliegen
booking-summary-persons = Personen
booking-summary-when = Wann
booking-summary-where = Wo
booking-summary-other-time = Andere Zeit wählen
booking-summary-contact = Kontakt
booking-summary-change-contact = Kontaktdaten ändern
booking-summary-book = Termin verbindlich buchen

# Outcomes
booking-expired-title = Ihre Reservierung ist abgelaufen
booking-expired-text = Die Zeit war nur für einige Minuten reserviert und ist jetzt wieder für alle frei. Bitte wählen Sie erneut eine Zeit.
booking-expired-again = Neu beginnen
booking-booked-before-title = Ihr Termin ist bereits gebucht
booking-booked-before-text = Diesen Termin haben Sie schon gebucht. Die Bestätigung mit allen Angaben haben wir Ihnen geschickt.
booking-check-email-title = Bitte bestätigen Sie Ihren Termin
booking-check-email-text = Wir haben Ihnen eine E-Mail mit einem Link geschickt. Erst wenn Sie den Link öffnen und den Termin bestätigen, ist er gebucht. Bis dahin halten wir die Zeit 30 Minuten für Sie frei.
booking-opt-in-title = Termin bestätigen
booking-opt-in-lead = Bitte bestätigen Sie diesen Termin. Erst dann ist er gebucht.
booking-opt-in-confirm = Termin jetzt bestätigen
booking-opt-in-gone = Diese Reservierung besteht nicht mehr. Bitte buchen Sie erneut.

# Manage page
booking-manage-title = Ihr Termin
booking-manage-booked = Ihr Termin ist gebucht
booking-manage-booked-text = Vielen Dank. Wir haben Ihnen eine Bestätigung geschickt.
booking-manage-moved-text = Ihr Termin wurde verlegt. Die neue Bestätigung haben wir Ihnen geschickt.
booking-manage-cancelled-text = Ihr Termin ist abgesagt. Die Zeit ist wieder frei für andere.
booking-manage-office-cancelled = Wir mussten diesen Termin leider absagen. Sie können eine neue Zeit für dieselben Anliegen wählen.
booking-manage-pick-new = Neue Zeit wählen
booking-manage-calendar = In den Kalender übernehmen (.ics)
booking-manage-rebook = Termin verlegen
booking-manage-cancel = Termin absagen
booking-manage-keep-link = Bewahren Sie diese Seite oder die E-Mail auf: Über den Link können Sie den Termin jederzeit absagen oder verlegen.
booking-qr-alt = QR-Code mit dem Buchungscode { $code }
booking-qr-hint = Zeigen Sie den QR-Code am Eingang vor oder nennen Sie den Buchungscode.
booking-status-held = Reserviert
booking-status-confirmed = Gebucht
booking-status-cancelled = Abgesagt
booking-status-arrived = Angekommen
booking-status-no_show = Nicht erschienen
booking-status-completed = Erledigt

booking-cancel-title = Termin absagen
booking-cancel-lead = Möchten Sie diesen Termin wirklich absagen? Die Zeit wird sofort für andere frei.
booking-cancel-confirm = Ja, Termin absagen
booking-cancel-keep = Nein, Termin behalten

booking-rebook-title = Termin verlegen
booking-rebook-current = Ihr bisheriger Termin:
booking-rebook-submit = Auf diese Zeit verlegen
booking-rebook-back = Zurück zum Termin

booking-offer-title = Angebotene Zeit übernehmen
booking-offer-lead = Wir mussten Ihren Termin absagen und bieten Ihnen diese Zeit an:
booking-offer-cancelled = Abgesagt wurde:
booking-offer-take = Diese Zeit übernehmen
booking-offer-other = Eine andere Zeit wählen

# Lottery
booking-lottery-title = Teilnahme an der Terminverlosung
booking-lottery-notice = Die Termine dieses Tages wurden gerade freigegeben. Damit Schnelligkeit keinen Vorteil bringt, werden sie um { $time } Uhr unter allen Anfragen verlost.
booking-lottery-continue = An der Verlosung teilnehmen
booking-lottery-lead = Wer in den ersten Minuten nach der Freigabe anfragt, nimmt an einer Verlosung teil. Jede Person kann einmal teilnehmen. Das Ergebnis erhalten Sie per E-Mail.
booking-lottery-draw-at = Die Verlosung ist heute um { $time } Uhr.
booking-lottery-wish = gewünscht { $time } Uhr (sonst eine andere Zeit an diesem Tag)
booking-lottery-email-hint = Hierhin schicken wir das Ergebnis der Verlosung.
booking-lottery-submit = Teilnehmen
booking-lottery-entered = Sie nehmen an der Verlosung teil. Wir schicken Ihnen das Ergebnis nach der Verlosung um { $time } Uhr.

# Errors
booking-error-services = Wählen Sie mindestens ein Anliegen, für das online Termine vergeben werden.
booking-error-persons = Geben Sie eine Zahl von 1 bis 10 an.
booking-error-persons-max = Für dieses Anliegen können höchstens { $max } Personen in einem Termin kommen.
booking-error-choose-time = Wählen Sie eine Uhrzeit.
booking-error-slot-taken = Diese Zeit ist leider nicht mehr frei. Bitte wählen Sie eine andere.
booking-error-hold-expired = Ihre Reservierung ist abgelaufen. Bitte wählen Sie erneut eine Zeit.
booking-error-already-confirmed = Dieser Termin ist bereits gebucht.
booking-error-contact-limit = Sie haben für dieses Anliegen schon die höchste Zahl offener Termine gebucht. Sagen Sie einen ab, wenn Sie einen neuen brauchen.
booking-error-not-cancellable = Dieser Termin kann nicht mehr geändert werden.
booking-error-lottery = Termine dieses Tages werden verlost.
booking-error-already-entered = Sie nehmen an dieser Verlosung bereits teil.
booking-error-not-found = Diesen Termin gibt es nicht.
booking-error-store = Das hat gerade nicht geklappt. Bitte versuchen Sie es noch einmal.
booking-error-too-many = Zu viele Anfragen von Ihrem Anschluss. Bitte warten Sie eine Minute und versuchen Sie es dann erneut.
booking-error-too-early = Bitte warten Sie noch { $seconds } Sekunden und wählen Sie dann die Zeit erneut. So schützen wir die Termine vor automatischen Buchungen.
booking-error-pow = Die Buchung konnte nicht geprüft werden. Bitte laden Sie die Seite neu und wählen Sie die Zeit erneut.
booking-error-contact-name = Geben Sie Ihren Namen an.
booking-error-contact-email = Geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de.
booking-error-contact-phone = Geben Sie eine gültige Mobilnummer an, zum Beispiel 0170 1234567.
booking-error-contact-missing = Geben Sie eine E-Mail-Adresse oder eine Mobilnummer an, damit wir Sie erreichen können.
booking-error-consent = Bitte stimmen Sie zu, damit wir Ihren Termin buchen können.
booking-error-lottery-email = Für die Verlosung brauchen wir Ihre E-Mail-Adresse.
booking-error-service-unknown = Dieses Anliegen gibt es nicht.
booking-error-service-not-bookable = Für dieses Anliegen werden keine Termine vergeben.
booking-error-service-not-offered = Dieses Anliegen wird an diesem Standort nicht angeboten.
booking-error-persons-invalid = Diese Zahl an Personen ist für dieses Anliegen nicht möglich.
booking-error-start-invalid = Diese Zeit gibt es nicht.
booking-error-counter-cannot-serve = Diese Zeit passt nicht zu Ihren Anliegen.
booking-error-lottery-closed = Die Verlosung für diesen Tag ist vorbei. Bitte wählen Sie eine freie Zeit.
booking-error-date-out-of-range = Dieses Datum liegt außerhalb des buchbaren Zeitraums.
booking-error-mark-not-allowed = Das ist für diesen Termin nicht möglich.
booking-error-time-block-order = Das Ende muss nach dem Beginn liegen.
