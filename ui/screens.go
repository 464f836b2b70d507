package ui

import tea "charm.land/bubbletea/v2"

// screen names the screens; the root shows one at a time.
type screen int

const (
	screenBacklog screen = iota
	screenEditor
	screenHistory
	screenHelp
	screenPreview
	screenWeek
	screenWhatsApp
	screenSetup
	screenMeeting
	screenPending
)

// page is what the root asks of the screen showing.
type page interface {
	// keyPress handles a key; it returns a command, and a request the
	// desk routes at once (nil when none).
	keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg)
	// keyMap is the screen's keys as they apply now.
	keyMap(d *desk) keyMap
	// heading is the right of the title line.
	heading(d *desk) string
	// View draws the screen in w×h cells, under the title line.
	View(d *desk, w, h int) string
}

// forwarder is a screen with a line being typed: what is typed that is no
// key press (a paste, a cursor's message) goes to it.
type forwarder interface {
	forward(d *desk, msg tea.Msg) tea.Cmd
}
