//go:build !unix

package wa

import "os"

// Without flock, the session is not guarded against a second crieur: the
// data file's own lock keeps two desks apart.
func lockFileNow(*os.File) error { return nil }

func unlockFile(*os.File) error { return nil }
