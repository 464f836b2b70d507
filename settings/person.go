package settings

import (
	"os/user"
	"strings"
)

// systemAccounts are the logins of accounts that belong to the system,
// not to a person: a desk run as one of them records no one by that name.
var systemAccounts = []string{"root", "toor", "administrator", "administrateur", "admin", "system", "nobody", "daemon"}

// PersonOf is the name the desk gives the person at it when the settings
// name no one: the account's full name when the system gives one, else
// its login, but never a system account's (root, Administrator) nor an
// empty one; newsroom then, the catalogue's word for the team ("La
// rédaction"). u may be nil: the account could not be read.
func PersonOf(u *user.User, newsroom string) string {
	if u == nil {
		return newsroom
	}
	login := u.Username
	if i := strings.LastIndexAny(login, `\/`); i >= 0 {
		login = login[i+1:] // DOMAIN\login on Windows
	}
	login = strings.TrimSpace(login)
	// The full name is the first of the comma-separated fields some
	// systems keep there (room, telephone...).
	name, _, _ := strings.Cut(u.Name, ",")
	name = strings.Join(strings.Fields(name), " ")
	for _, candidate := range []string{name, login} {
		if candidate != "" && !systemAccount(candidate) && !(u.Uid == "0" && candidate == login) {
			return candidate
		}
	}
	return newsroom
}

// CurrentPerson is PersonOf the account crieur runs as.
func CurrentPerson(newsroom string) string {
	u, err := user.Current()
	if err != nil {
		u = nil
	}
	return PersonOf(u, newsroom)
}

// systemAccount reports whether name is a system account's.
func systemAccount(name string) bool {
	for _, s := range systemAccounts {
		if strings.EqualFold(name, s) {
			return true
		}
	}
	return false
}
