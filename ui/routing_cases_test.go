package ui

// The results of the routing test (routing_test.go): every result type the
// desk takes, how to make one, and what its owner must have done with it.

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/message"
	"crieur/sender"
	"crieur/settings"
	"crieur/store"
)

var errBoom = errors.New("disk on fire")

func resultCases() map[string]resultCase {
	return map[string]resultCase{
		"autosaveMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.autosave = 20 * time.Millisecond // the next tick comes back in the test
				m.editor.kept = ""                 // something new to keep
				return autosaveMsg{gen: m.editor.gen}
			},
			check: func(t *testing.T, m Model, out []tea.Msg) {
				rearmed, kept := false, false
				for _, msg := range out {
					switch msg := msg.(type) {
					case autosaveMsg:
						rearmed = msg.gen == m.editor.gen
					case workingMsg:
						kept = msg.err == nil
					}
				}
				if !rearmed {
					t.Error("the autosave tick was not scheduled again")
				}
				if w, ok, err := m.st.Working(m.editor.post.ID); !kept || err != nil || !ok || w.Title != m.editor.current().Title {
					t.Errorf("the typing was not kept: %v %v %q", ok, err, w.Title)
				}
			},
		},
		"workingMsg": {
			msg:   func(t *testing.T, m *Model) tea.Msg { return workingMsg{err: errBoom} },
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, errBoom.Error()) },
		},
		"firstRowsMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				bl, err := m.st.Newest(2)
				if err != nil {
					t.Fatal(err)
				}
				return firstRowsMsg{backlog: bl}
			},
			check: func(t *testing.T, m Model, out []tea.Msg) {
				// The whole backlog came first: it stays, and is read again.
				if len(m.backlog.posts) != len(fixture()) || m.backlog.partial {
					t.Errorf("%d posts in the backlog (partial %v)", len(m.backlog.posts), m.backlog.partial)
				}
				if !slices.ContainsFunc(out, func(msg tea.Msg) bool { _, ok := msg.(loadedMsg); return ok }) {
					t.Error("the backlog is not read after its first rows")
				}
			},
		},
		"loadedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				bl, err := m.st.Backlog()
				if err != nil {
					t.Fatal(err)
				}
				return loadedMsg{backlog: bl, recovered: 2}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				says(t, m, "Recovered 2")
				if len(m.backlog.posts) != len(fixture()) {
					t.Errorf("%d posts in the backlog", len(m.backlog.posts))
				}
			},
		},
		"backupMsg": {
			msg:   func(t *testing.T, m *Model) tea.Msg { return backupMsg{err: errBoom} },
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, errBoom.Error()) },
		},
		"savedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				p, err := m.st.SavePost(m.editor.current()) // the typing: " bis"
				if err != nil {
					t.Fatal(err)
				}
				return savedMsg{post: p, was: p.Status, prev: m.editor.post.Rev}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				says(t, m, "Saved (rev.")
				if m.editor.dirty() || !strings.HasSuffix(summaryOf(m, m.editor.post.ID).Title(), " bis") {
					t.Error("the save did not reach the editor and the backlog")
				}
			},
		},
		"changedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				p, err := m.st.Archive(storedPost(t, m, "Piscine fermée pour vidange").ID)
				if err != nil {
					t.Fatal(err)
				}
				return changedMsg{post: p, format: "%s archived."}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				says(t, m, "Piscine fermée pour vidange archived.")
			},
		},
		"openedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return openedMsg{post: storedPost(t, m, "Collecte des déchets décalée")}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if m.screen != screenEditor || m.editor.post.Title != "Collecte des déchets décalée" {
					t.Error("the opened post is not in the editor")
				}
			},
		},
		"revisionsMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				p := storedPost(t, m, "Tempête : alerte orange vent 🌬️")
				revs, err := m.st.Revisions(p.ID)
				if err != nil {
					t.Fatal(err)
				}
				return revisionsMsg{post: p, revs: revs}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if m.screen != screenHistory || !strings.HasPrefix(m.history.post.Title, "Tempête") || len(m.history.entries) == 0 {
					t.Error("the history did not open on its post")
				}
			},
		},
		"restoredMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return restoredMsg{post: storedPost(t, m, "Piscine fermée pour vidange"), from: 1}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, "Revision 1 restored") },
		},
		"samplesDeletedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				if _, err := m.st.DeleteSamples(); err != nil {
					t.Fatal(err)
				}
				return samplesDeletedMsg{n: 1}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if m.backlog.samples != 0 {
					t.Error("the backlog still lists samples")
				}
			},
		},
		"externalReadyMsg": {
			msg:   func(t *testing.T, m *Model) tea.Msg { return externalReadyMsg{err: errBoom} },
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, errBoom.Error()) },
		},
		"externalMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg { return externalMsg{body: "Written in vim.\n"} },
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if m.editor.body.Value() != "Written in vim." {
					t.Errorf("the body is %q", m.editor.body.Value())
				}
			},
		},
		"notesRender": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return notesRender{key: m.editor.notesKey(&m.desk), text: "NOTES DRAWN"}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if m.editor.notesView.text != "NOTES DRAWN" {
					t.Error("the drawn notes did not reach the editor")
				}
			},
		},
		"imageMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				d := &m.desk
				m.editor.inputs[fieldImage].SetValue("photo.jpg")
				m.editor.refreshProof(d)
				m.preview.proof.refresh(d, m.editor.current(), m.preview.width(d))
				if m.editor.proof.imageFor == "" || m.preview.proof.imageFor != m.editor.proof.imageFor {
					t.Fatal("the previews do not wait for the same image")
				}
				return imageMsg{key: m.editor.proof.imageFor, rows: []string{"▀▄"}}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if len(m.editor.proof.image) != 1 || len(m.preview.proof.image) != 1 {
					t.Error("the image did not reach both previews")
				}
			},
		},
		"checkedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				d := &m.desk
				// A weekday that is not the date's: a check made for ideas
				// and posts alike.
				m.editor.body.SetValue("Rendez-vous mardi 3 décembre 2026.")
				cmd := m.editor.refreshProof(d)
				var checked *checkedMsg
				for _, r := range results(cmd) {
					if c, ok := r.(checkedMsg); ok {
						checked = &c
					}
				}
				if checked == nil {
					t.Fatal("a text typed in the editor is not checked in the background")
				}
				return *checked
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !slices.ContainsFunc(m.editor.proof.problems, func(p message.Problem) bool { return p.Code == message.CheckWeekday }) {
					t.Errorf("the editor's checks do not find the wrong weekday: %v", m.editor.proof.problems)
				}
			},
		},
		"previewMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return previewMsg{post: storedPost(t, m, "Piscine fermée pour vidange")}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if m.screen != screenPreview || m.preview.proof.post.Title != "Piscine fermée pour vidange" {
					t.Error("the preview did not open on its post")
				}
			},
		},
		"cardFetchedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				card := store.Card{URL: m.editor.post.Link, Title: "Page title", Status: 200, Fetched: testNow}
				p, err := m.st.SetCard(m.editor.post.ID, card)
				if err != nil {
					t.Fatal(err)
				}
				return cardFetchedMsg{id: p.ID, card: card, asked: true, stored: true, post: p}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if c := m.editor.post.CardFor(); c == nil || c.Title != "Page title" {
					t.Error("the card did not reach the editor")
				}
			},
		},
		"toValidateMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return toValidateMsg{post: storedPost(t, m, "Collecte des déchets décalée")}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if m.confirm == nil || !strings.Contains(m.confirm.question, "Validate") {
					t.Error("validation was not asked")
				}
			},
		},
		"validatedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				p := storedPost(t, m, "Collecte des déchets décalée")
				v, err := m.st.Validate(p.ID, p.Rev, "Camille")
				if err != nil {
					t.Fatal(err)
				}
				return validatedMsg{post: v}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				says(t, m, "validated")
				id := storedPost(t, &m, "Collecte des déchets décalée").ID
				if summaryOf(m, id).Status() != store.StatusValidated {
					t.Error("the validation did not reach the backlog")
				}
			},
		},
		"weekLoadedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg { return weekLoadedMsg{week: m.week.week} },
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !m.week.loaded || len(m.week.rows) != 3 {
					t.Errorf("the week has %d rows", len(m.week.rows))
				}
			},
		},
		"weekChangedMsg": {
			msg:   func(t *testing.T, m *Model) tea.Msg { return weekChangedMsg{say: "Slots swapped."} },
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, "Slots swapped.") },
		},
		"dispatchedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.sending = true
				return dispatchedMsg{err: errBoom}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				says(t, m, errBoom.Error())
				if m.sending {
					t.Error("the desk still says it is sending")
				}
			},
		},
		"pendingMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				p := storedPost(t, m, "Collecte des déchets décalée")
				snd := store.Send{ID: "01SEND", Post: p.ID, Destination: "manual", State: store.SendPaste, Queued: testNow}
				return pendingMsg{sends: []store.Send{snd}, posts: map[string]store.Post{p.ID: p}}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if len(m.pendingSends) != 1 || !strings.Contains(m.View().Content, "1 send to settle (!)") {
					t.Error("the send to settle is not counted on the title line")
				}
			},
		},
		"settledMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return settledMsg{sends: []store.Send{{Destination: "manual"}}, title: "Piscine", went: true}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, "“Piscine” to manual: marked as posted.") },
		},
		"copiedMsg": {
			msg:   func(t *testing.T, m *Model) tea.Msg { return copiedMsg{title: "Piscine", why: "no xclip"} },
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, "sent to the terminal (OSC 52)") },
		},
		"duplicatedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				from := storedPost(t, m, "Piscine fermée pour vidange")
				p, err := m.st.Duplicate(from.ID, "Camille", " (copy)")
				if err != nil {
					t.Fatal(err)
				}
				return duplicatedMsg{post: p, from: from}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				says(t, m, "copied as a new draft")
				if summaryOf(m, storedPost(t, &m, "Piscine fermée pour vidange (copy)").ID).ID() == "" {
					t.Error("the copy is not in the backlog")
				}
				if m.editor == nil || m.editor.post.Title == "Piscine fermée pour vidange (copy)" {
					t.Error("the copy took the place of the editor's unsaved typing")
				}
			},
		},
		"dispatchTick": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.sending = false
				return dispatchTick{}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !m.sending {
					t.Error("the due sends did not start")
				}
			},
		},
		"waTickMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return waTickMsg{state: sender.WALoggedOut, account: "+33 6 12 34 56 78"}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if m.waState != sender.WALoggedOut || m.waAccount != "+33 6 12 34 56 78" {
					t.Error("the connection's state was not taken")
				}
			},
		},
		"linkStartedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return linkStartedMsg{gen: m.whatsapp.linkGen, err: errBoom}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, errBoom.Error()) },
		},
		"linkEventMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				events := make(chan sender.LinkEvent)
				close(events)
				return linkEventMsg{gen: m.whatsapp.linkGen, event: qrEvent("2@code", time.Minute), events: events}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if len(m.whatsapp.qr) == 0 {
					t.Error("the code did not reach the WhatsApp screen")
				}
			},
		},
		"channelsMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg { return channelsMsg{channels: []sender.Channel{cityChannel}} },
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if len(m.whatsapp.channels) != 1 {
					t.Error("the channels did not reach the WhatsApp screen")
				}
			},
		},
		"channelChosenMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				s := m.settings
				s.Channel.Name = "Valbourg Culture"
				return channelChosenMsg{channel: cultureChannel, settings: s}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				says(t, m, "Valbourg Culture")
				if m.settings.Channel.Name != "Valbourg Culture" {
					t.Error("the settings were not taken")
				}
			},
		},
		"setupSavedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				s := m.settings.WithSetup(settings.Setup{Name: "Zoé Durand", City: "Saint-Bois", Channel: "Saint-Bois infos",
					Domains: []string{"saint-bois.fr"}, Slots: []string{"monday 08:00"}})
				return setupSavedMsg{settings: s}
			},
			check: func(t *testing.T, m Model, out []tea.Msg) {
				says(t, m, "Settings saved")
				if m.settings.Channel.Name != "Saint-Bois infos" || m.who != "Zoé Durand" {
					t.Errorf("the settings were not taken: %q, %q", m.settings.Channel.Name, m.who)
				}
				if m.setup != nil || m.screen == screenSetup {
					t.Error("the setup stays open")
				}
				loaded := false
				for _, msg := range out {
					_, isLoad := msg.(loadedMsg)
					loaded = loaded || isLoad
				}
				if !loaded {
					t.Error("the backlog was not read again")
				}
			},
		},
		"unlinkedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg { return unlinkedMsg{state: sender.WANotLinked} },
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				says(t, m, "Unlinked")
				if m.waState != sender.WANotLinked || m.whatsapp.channels != nil {
					t.Error("the unlinking was not taken")
				}
			},
		},
		"statsTickMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.settings.Destinations = []settings.Destination{{Name: "whatsapp", Kind: settings.KindWhatsApp, Channel: cityChannel.JID}}
				m.statsTicking = false
				return statsTickMsg{}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !m.statsTicking {
					t.Error("the next reading of the stats was not scheduled")
				}
			},
		},
		"statsMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return statsMsg{stats: map[string]store.PostStats{"x": {Views: 7}}, asked: true, read: 1}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				says(t, m, "read for 1 post")
				if m.stats["x"].Views != 7 {
					t.Error("the stats were not taken")
				}
			},
		},
		"correctedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return correctedMsg{post: storedPost(t, m, "Piscine fermée pour vidange"), withdraw: true}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, "deleted from the channel") },
		},
		"signedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return signedMsg{gen: m.backlog.gen, sigs: make([]uint64, len(m.backlog.posts))}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !m.backlog.signed() {
					t.Error("the signatures did not reach the backlog")
				}
			},
		},
		"meetingLoadedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.meeting.loaded, m.meeting.lines = false, nil
				return m.loadMeetingCmd(m.meeting.at, true)()
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !m.meeting.loaded || len(m.meeting.lines) == 0 {
					t.Error("the agenda did not reach the meeting")
				}
			},
		},
		"meetingSavedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				rec, err := m.st.SaveMeeting(m.meeting.at, []string{"Camille"}, "Camille")
				if err != nil {
					t.Fatal(err)
				}
				return meetingSavedMsg{meeting: rec}
			},
			check: func(t *testing.T, m Model, out []tea.Msg) {
				says(t, m, "Meeting open: Camille.")
				if !m.meeting.recorded || len(out) != 1 {
					t.Errorf("the record did not reach the meeting, or its agenda was not read again: %v", out)
				}
			},
		},
		"decidedMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				if _, err := m.st.SaveMeeting(m.meeting.at, []string{"Camille"}, "Camille"); err != nil {
					t.Fatal(err)
				}
				p, q, err := m.st.Decide(m.meeting.at, storedPost(t, m, "Piscine fermée pour vidange").ID,
					store.Topic{Decision: store.DecideLater, Week: "2026-W50", By: "Camille"}, m.planRule())
				if err != nil {
					t.Fatal(err)
				}
				return decidedMsg{post: p, queued: q}
			},
			check: func(t *testing.T, m Model, out []tea.Msg) {
				says(t, m, "put off to week 50")
				reloaded := false
				for _, msg := range out {
					_, ok := msg.(meetingLoadedMsg)
					reloaded = reloaded || ok
				}
				if !reloaded {
					t.Error("the agenda was not read again")
				}
			},
		},
		"viewsTypedMsg": {
			msg:   func(t *testing.T, m *Model) tea.Msg { return viewsTypedMsg{title: "Fête", views: 12} },
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, "“Fête”: 12 views.") },
		},
		"minutesMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.meeting.minutesGen = 7
				return minutesMsg{gen: 7, text: "MINUTES DRAWN"}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !m.meeting.minutesReady || m.meeting.minutesText != "MINUTES DRAWN" {
					t.Error("the minutes did not reach the meeting")
				}
			},
		},
		"minutesWrittenMsg": {
			msg:   func(t *testing.T, m *Model) tea.Msg { return minutesWrittenMsg{path: "/tmp/2026-W48.md"} },
			check: func(t *testing.T, m Model, _ []tea.Msg) { says(t, m, "Minutes written to /tmp/2026-W48.md") },
		},
		"feedsMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.feedsReading = true
				return feedsMsg{added: 2, asked: true}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				says(t, m, "Feeds read: 2 ideas added.")
				if m.feedsReading {
					t.Error("the desk still says it reads the feeds")
				}
			},
		},
		"feedsTick": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.feeds = &http.Client{}
				m.settings.Feeds = []settings.Feed{{Name: "Site", URL: "http://127.0.0.1:9/rss"}}
				return feedsTick{}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !m.feedsReading {
					t.Error("the tick did not start a reading of the feeds")
				}
			},
		},
		"lateMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				return lateMsg{late: []store.Reservation{{At: testNow, Post: storedPost(t, m, "Piscine fermée pour vidange")}}}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !strings.Contains(strings.Split(screenText(m), "\n")[0], "1 reserved slot to decide") {
					t.Errorf("the title line does not warn: %q", strings.Split(screenText(m), "\n")[0])
				}
			},
		},
		"lateTick": {
			msg: func(t *testing.T, m *Model) tea.Msg { return lateTick{} },
			check: func(t *testing.T, m Model, out []tea.Msg) {
				read := false
				for _, msg := range out {
					_, ok := msg.(lateMsg)
					read = read || ok
				}
				if !read {
					t.Error("the tick did not read the late reservations")
				}
			},
		},
		"filteredMsg": {
			msg: func(t *testing.T, m *Model) tea.Msg {
				m.backlog.query = "zz"
				return filteredMsg{gen: m.backlog.gen, query: "zz", all: true, matches: []int32{0}}
			},
			check: func(t *testing.T, m Model, _ []tea.Msg) {
				if !slices.Equal(m.backlog.matches, []int32{0}) {
					t.Error("the matches did not reach the backlog")
				}
			},
		},
	}
}
