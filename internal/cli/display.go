package cli

import (
	"errors"
	"os"
	"runtime"
)

// checkDisplay explains, before GTK fails obscurely, that the desktop window
// needs a graphical session.
func checkDisplay() error {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return errors.New("no graphical display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the desktop window cannot open.\n" +
			"Use browser mode instead:  ledgerlink serve --addr 127.0.0.1:8080  and open the address it prints")
	}
	return nil
}
