"""The Class page's parts: students send the digits they draw; the teacher's screen collects them.

- `membership.py`  who this screen is in a class (teacher, student or neither), from the address
                   on arrival; the room store, with its failures as messages
- `board_view.py`  what every screen in the class shows: the class's digits on the 2-number
                   code plane, the gallery of the latest with their reconstructions and scores,
                   one digit large; and the watcher that redraws when the board changes
- `teacher.py`     starting a class, inviting students (code, link, QR), hide, clear and end
- `student.py`     joining, naming, drawing and sending a digit
The rules themselves (tokens, limits, what a digit may be) are `rooms.classroom`'s.
"""
