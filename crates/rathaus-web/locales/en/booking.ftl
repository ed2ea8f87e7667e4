# Citizen appointment booking: steps, hold, confirmation, manage page, lottery.
# Every key starts with `booking-`.

booking-step = Step { $n } of 6
booking-continue = Continue
booking-change = change
booking-back = Back
booking-for = For:
booking-abandon = Cancel and release the time
booking-code = Booking code

# Step 1
booking-start-title = Book an appointment
booking-start-lead = Choose what you need to do. You can combine several services in one appointment.
booking-start-services = Your services
booking-start-minutes = (about { $minutes } minutes per person)
booking-start-more = Add more services
booking-start-persons = For how many people?
booking-start-persons-hint = For example 2 if you apply for an ID card for yourself and your child.

# Step 2
booking-places-title = Choose a location
booking-places-legend = Where would you like to go?
booking-place-anywhere = Earliest appointment at any location
booking-places-earliest = Next free appointment: { $when }
booking-places-none-free = No free appointments in the next four weeks at the moment.
booking-places-step-free = Step-free access.

# Step 3
booking-times-title = Choose day and time
booking-days-title = Days with free appointments
booking-days-none = Unfortunately there are no free appointments in this period. Look at later days or choose another location.
booking-days-count = { $count } free times
booking-days-pages = More days
booking-days-earlier = Earlier days
booking-days-later = Later days
booking-times-day = Free times on { $date }
booking-times-legend = Time
booking-times-none = Unfortunately no time is free on this day any more.
booking-times-alternatives = These times are still free
booking-times-hold = Reserve this time and continue
booking-pow-working = Your browser is preparing the booking …
booking-pow-done = Ready.

# Hold
booking-held-title = This time is reserved for you
booking-held-until = We keep it for you until { $time }. Please complete the booking by then.

# Step 4
booking-contact-title = Your contact details
booking-contact-lead = We will send you the confirmation and a reminder. Give an e-mail address or a mobile number, or both.
booking-contact-name = First and last name
booking-contact-email = E-mail address
booking-contact-email-hint = For the confirmation with a calendar entry.
booking-contact-phone = Mobile number
booking-contact-phone-hint = For a reminder by text message, for example 0170 1234567.

# Step 5
booking-consent-title = Consent
booking-consent-what = What we store
booking-consent-data = Your name, your e-mail address and/or mobile number, your services and the time of the appointment.
booking-consent-why = What for
booking-consent-purpose = Only for this appointment: the confirmation, the reminder, a necessary cancellation or move, and calling you at the office.
booking-consent-how-long = How long
booking-consent-retention = We delete your contact details 30 days after the appointment. You can cancel the appointment at any time.
booking-consent-label = I agree that my details are processed for this appointment.

# Step 6
booking-summary-title = Check your details
booking-summary-appointment = Your appointment
booking-summary-services = Services
booking-summary-persons = People
booking-summary-when = When
booking-summary-where = Where
booking-summary-other-time = Choose another time
booking-summary-contact = Contact
booking-summary-change-contact = Change contact details
booking-summary-book = Book this appointment

# Outcomes
booking-expired-title = Your reservation has expired
booking-expired-text = The time was reserved for a few minutes only and is free for everyone again. Please choose a time again.
booking-expired-again = Start again
booking-booked-before-title = Your appointment is already booked
booking-booked-before-text = You have already booked this appointment. We have sent you the confirmation with all details.
booking-check-email-title = Please confirm your appointment
booking-check-email-text = We have sent you an e-mail with a link. Only when you open the link and confirm is the appointment booked. Until then we keep the time for you for 30 minutes.
booking-opt-in-title = Confirm your appointment
booking-opt-in-lead = Please confirm this appointment. Only then is it booked.
booking-opt-in-confirm = Confirm the appointment now
booking-opt-in-gone = This reservation no longer exists. Please book again.

# Manage page
booking-manage-title = Your appointment
booking-manage-booked = Your appointment is booked
booking-manage-booked-text = Thank you. We have sent you a confirmation.
booking-manage-moved-text = Your appointment has been moved. We have sent you the new confirmation.
booking-manage-cancelled-text = Your appointment is cancelled. The time is free for others again.
booking-manage-office-cancelled = We are sorry that we had to cancel this appointment. You can choose a new time for the same services.
booking-manage-pick-new = Choose a new time
booking-manage-calendar = Add to your calendar (.ics)
booking-manage-rebook = Move the appointment
booking-manage-cancel = Cancel the appointment
booking-manage-keep-link = Keep this page or the e-mail: its link lets you cancel or move the appointment at any time.
booking-qr-alt = QR code with the booking code { $code }
booking-qr-hint = Show the QR code at the entrance or tell us the booking code.
booking-status-held = Reserved
booking-status-confirmed = Booked
booking-status-cancelled = Cancelled
booking-status-arrived = Arrived
booking-status-no_show = Did not come
booking-status-completed = Done

booking-cancel-title = Cancel the appointment
booking-cancel-lead = Do you really want to cancel this appointment? The time becomes free for others at once.
booking-cancel-confirm = Yes, cancel the appointment
booking-cancel-keep = No, keep the appointment

booking-rebook-title = Move the appointment
booking-rebook-current = Your current appointment:
booking-rebook-submit = Move to this time
booking-rebook-back = Back to the appointment

booking-offer-title = Take the offered time
booking-offer-lead = We had to cancel your appointment and offer you this time:
booking-offer-cancelled = Cancelled:
booking-offer-take = Take this time
booking-offer-other = Choose another time

# Lottery
booking-lottery-title = Taking part in the appointment draw
booking-lottery-notice = The appointments of this day have just been released. So that speed gives no advantage, they are drawn at { $time } among all requests.
booking-lottery-continue = Take part in the draw
booking-lottery-lead = Whoever asks in the first minutes after a release takes part in a draw. Everyone can take part once. You will receive the result by e-mail.
booking-lottery-draw-at = The draw is today at { $time }.
booking-lottery-wish = preferably at { $time } (otherwise another time that day)
booking-lottery-email-hint = We send the result of the draw here.
booking-lottery-submit = Take part
booking-lottery-entered = You are taking part in the draw. We will send you the result after the draw at { $time }.

# Errors
booking-error-services = Choose at least one service that can be booked online.
booking-error-persons = Enter a number from 1 to 10.
booking-error-persons-max = At most { $max } people can come in one appointment for this service.
booking-error-choose-time = Choose a time.
booking-error-slot-taken = Sorry, this time is no longer free. Please choose another one.
booking-error-hold-expired = Your reservation has expired. Please choose a time again.
booking-error-already-confirmed = This appointment is already booked.
booking-error-contact-limit = You already have the largest number of open appointments for this service. Cancel one if you need a new one.
booking-error-not-cancellable = This appointment can no longer be changed.
booking-error-lottery = The appointments of this day are drawn by lot.
booking-error-already-entered = You are already taking part in this draw.
booking-error-not-found = This appointment does not exist.
booking-error-store = That did not work just now. Please try again.
booking-error-too-many = Too many requests from your connection. Please wait a minute, then try again.
booking-error-too-early = Please wait another { $seconds } seconds, then choose the time again. This protects the appointments from automated booking.
booking-error-pow = The booking could not be checked. Please reload the page and choose the time again.
booking-error-contact-name = Enter your name.
booking-error-contact-email = Enter a valid e-mail address, for example name@example.org.
booking-error-contact-phone = Enter a valid mobile number, for example 0170 1234567.
booking-error-contact-missing = Enter an e-mail address or a mobile number so that we can reach you.
booking-error-consent = Please agree so that we can book your appointment.
booking-error-lottery-email = For the draw we need your e-mail address.
booking-error-service-unknown = This service does not exist.
booking-error-service-not-bookable = Appointments are not given for this service.
booking-error-service-not-offered = This service is not offered at this location.
booking-error-persons-invalid = This number of people is not possible for this service.
booking-error-start-invalid = This time does not exist.
booking-error-counter-cannot-serve = This time does not fit your services.
booking-error-lottery-closed = The draw for this day is over. Please choose a free time.
booking-error-date-out-of-range = This date is outside the bookable period.
booking-error-mark-not-allowed = That is not possible for this appointment.
booking-error-time-block-order = The end must be after the start.
