# Administration: overview
admin-title = Administration
admin-overview-lead = Manage your municipality's settings, staff accounts, the audit log and the outbox.
admin-back = Back to administration
admin-settings-card = Name, address, contact, time zone, colour, languages and logo of the municipality.
admin-staff-card = Staff accounts: invite, change roles, deactivate, reset passwords.
admin-audit-card = Who changed what, and when? The tamper-evident log of all changes.
admin-outbox-card = Every e-mail the system has sent or is about to send.

# Pagination
admin-pagination = Pages
admin-page-of = Page { $page } of { $pages }
admin-page-prev = Previous page
admin-page-next = Next page

# Settings
admin-settings-title = Municipality settings
admin-settings-municipality = Municipality
admin-settings-contact = Address and contact
admin-settings-appearance = Time zone, appearance and languages
admin-settings-save = Save settings
admin-field-name = Name of the municipality
admin-field-ags = Official municipality key (AGS)
admin-hint-ags = 8 digits, for example 05315000 for Cologne.
admin-field-federal-state = Federal state
admin-field-street = Street and number
admin-field-postal-code = Postcode
admin-field-city = Town
admin-field-contact-email = E-mail address for citizens
admin-hint-contact-email = Shown on every page.
admin-field-contact-phone = Phone number
admin-hint-optional = Optional.
admin-field-time-zone = Time zone
admin-hint-time-zone = All times (appointments, audit log) are shown in this time zone.
admin-field-accent-colour = Accent colour
admin-hint-accent-colour = As #rrggbb, for example #0b5cad. White text on it must be easy to read (contrast at least 4.5:1), otherwise the colour is refused.
admin-field-languages = Languages
admin-hint-languages = German is always on. Choose which other languages are offered.
admin-language-en = English
admin-invalid-postal-code = A postcode has exactly 5 digits.
admin-invalid-time-zone = Choose a time zone from the list.
admin-invalid-state-mismatch = The federal state does not match the municipality key: its first two digits denote another state.
admin-invalid-ags-taken = This municipality key already belongs to another municipality.

# Logo
admin-logo-title = Logo
admin-logo-current = Current logo
admin-logo-none = No logo has been uploaded yet.
admin-field-logo = Upload a new logo
admin-hint-logo = PNG or JPEG, at most 512 KiB. Ideally square, at least 80 × 80 pixels.
admin-logo-upload = Upload logo
admin-logo-remove = Remove logo
admin-logo-missing = Choose an image file.
admin-logo-too-large = The file is too large. The logo may be at most 512 KiB.
admin-logo-wrong-type = The file is not a PNG or JPEG image. Other formats are not accepted.

# Host names
admin-hosts-title = Addresses (host names)
admin-hosts-lead = Your municipality's citizen office answers at these addresses. Changes are made by the operators.

# Staff
admin-staff-title = Staff
admin-staff-back = Back to staff
admin-staff-caption = Staff accounts
admin-col-name = Name
admin-col-email = E-mail address
admin-col-role = Role
admin-col-status = Status
admin-col-last-login = Last sign-in
admin-col-actions = Actions
admin-staff-you = You
admin-staff-active = Active
admin-staff-inactive = Deactivated
admin-staff-pending = Invitation pending
admin-staff-never = Never
admin-staff-role-for = Role of { $name }
admin-staff-change-role = Change role
admin-staff-deactivate = Deactivate
admin-staff-reactivate = Reactivate
admin-staff-send-reset = Send password reset link
admin-staff-note = Deactivated staff are signed out at once and can no longer sign in. You can neither deactivate nor demote your own account. A password reset link is valid for 24 hours.

# Invitation
admin-invite-title = Invite a staff member
admin-invite-lead = The person receives an e-mail with a link to set their password. The link is valid for 7 days.
admin-field-person-name = Full name
admin-field-role = Role
admin-invite-submit = Send invitation
admin-invalid-email-taken = There is already an account for this e-mail address.

# Audit log
admin-audit-title = Audit log
admin-audit-lead = The audit log can only be added to, never changed or deleted. Every entry contains a checksum of the one before it (a hash chain), so any later change would be detected.
admin-audit-caption = Audit log entries, newest first
admin-audit-empty = The audit log is still empty.
admin-audit-total = Entries in total: { $count }
admin-col-seq = No.
admin-col-time = Time
admin-col-actor = Who
admin-col-action = Action
admin-col-target = Concerns
admin-col-details = Details

# Outbox
admin-outbox-title = Outbox
admin-outbox-lead = Every e-mail the system has sent or is about to send on behalf of your municipality.
admin-outbox-back = Back to the outbox
admin-outbox-caption = Outgoing messages, newest first
admin-outbox-empty = The outbox is empty.
admin-col-recipient = Recipient
admin-col-subject = Subject
admin-outbox-state-queued = Waiting to be sent
admin-outbox-state-held = Held
admin-outbox-state-sent = Sent
admin-outbox-state-failed = Failed
admin-message-headers = Message headers
admin-message-created = Created
admin-message-attempts = Delivery attempts
admin-message-sent = Sent at
admin-message-last-error = Last error
admin-message-text = Plain text part
admin-message-html = HTML part
admin-message-html-note = The HTML part is shown isolated: without scripts and without content from the internet.
admin-message-html-frame = HTML part of the message
admin-message-html-source = Show HTML source
admin-message-attachments = Attachments
admin-message-no-attachments = No attachments.
admin-message-bytes = { $count } bytes
