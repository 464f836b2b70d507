package settings

// Member is the member of the team with that name, if listed.
func (s Settings) Member(name string) (Member, bool) {
	for _, m := range s.Members {
		if m.Name == name {
			return m, true
		}
	}
	return Member{}, false
}

// checkTeam checks what the team desk adds to the members: a language.
func (s Settings) checkTeam(bad func(string, ...any) error) error {
	for _, m := range s.Members {
		switch m.Language {
		case "", "fr", "en":
		default:
			return bad("member %q has language %q; use \"fr\", \"en\" or \"\"", m.Name, m.Language)
		}
	}
	return nil
}
