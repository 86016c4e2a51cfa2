//! Taps land where they were made. When the kiosk is busy, iced hands a widget a whole
//! batch of events with one cursor position — the latest. A fast typist's `l` then
//! lands on the key pressed after it. This wrapper follows the pointer through the
//! batch (mouse moves, and touches, which carry their position) and gives the wrapped
//! control the position each press and release was really made at.

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{Operation, Tree, tree};
use iced::advanced::{Clipboard, Shell, Widget, overlay, renderer};
use iced::{Element, Event, Length, Point, Rectangle, Size, Vector, mouse, touch};

pub struct PressAt<'a, M, Theme, Renderer> {
    content: Element<'a, M, Theme, Renderer>,
}

/// Wraps `content` (a button, a key) so each press is hit-tested where it happened.
pub fn press_at<'a, M, Theme, Renderer>(
    content: impl Into<Element<'a, M, Theme, Renderer>>,
) -> PressAt<'a, M, Theme, Renderer> {
    PressAt {
        content: content.into(),
    }
}

#[derive(Debug, Default)]
struct State {
    /// Where the pointer was as of the event being handled.
    at: Option<Point>,
}

impl<M, Theme, Renderer> Widget<M, Theme, Renderer> for PressAt<'_, M, Theme, Renderer>
where
    Renderer: renderer::Renderer,
{
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn children(&self) -> Vec<Tree> {
        vec![Tree::new(&self.content)]
    }

    fn diff(&self, tree: &mut Tree) {
        tree.diff_children(std::slice::from_ref(&self.content));
    }

    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        self.content
            .as_widget_mut()
            .layout(&mut tree.children[0], renderer, limits)
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        // A control for the layout audit (see `tap`).
        operation.custom(None, layout.bounds(), &mut super::mark::Mark::Begin);
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
        operation.custom(None, layout.bounds(), &mut super::mark::Mark::End);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_mut::<State>();
        match event {
            Event::Mouse(mouse::Event::CursorMoved { position })
            | Event::Touch(
                touch::Event::FingerPressed { position, .. }
                | touch::Event::FingerMoved { position, .. }
                | touch::Event::FingerLifted { position, .. },
            ) => state.at = Some(*position),
            Event::Mouse(mouse::Event::CursorLeft) => state.at = None,
            _ => {}
        }
        // A press or release is judged where it was made; anything else as iced says.
        let judged = match (event, state.at) {
            (
                Event::Mouse(mouse::Event::ButtonPressed(_) | mouse::Event::ButtonReleased(_))
                | Event::Touch(_),
                Some(at),
            ) => mouse::Cursor::Available(at),
            _ => cursor,
        };
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            judged,
            renderer,
            clipboard,
            shell,
            viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content.as_widget().mouse_interaction(
            &tree.children[0],
            layout,
            cursor,
            viewport,
            renderer,
        )
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, M, Theme, Renderer>> {
        self.content.as_widget_mut().overlay(
            &mut tree.children[0],
            layout,
            renderer,
            viewport,
            translation,
        )
    }
}

impl<'a, M: 'a, Theme: 'a, Renderer> From<PressAt<'a, M, Theme, Renderer>>
    for Element<'a, M, Theme, Renderer>
where
    Renderer: renderer::Renderer + 'a,
{
    fn from(wrapper: PressAt<'a, M, Theme, Renderer>) -> Self {
        Element::new(wrapper)
    }
}
