fn main() {
    handoff::start();
}
