//! Staff mode's words, one module per staff page as under `screen::staff`; this one
//! holds the shell's and the menu's. Chinese first, English second where shown.
