import { lazy, type ReactNode, Suspense } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";
import { RequireSession } from "./auth/RequireSession";
import { NotFound, PageSpinner } from "./common/QueryState";
import { RequirePermission } from "./common/RequirePermission";
import { RouteError } from "./common/RouteError";
import { AppLayout } from "./layout/AppLayout";
import { RequireCitizen } from "./portal/RequireCitizen";

// Each screen is its own chunk: the login page and shell load first, admin screens on demand.
const LoginPage = lazy(() => import("./auth/LoginPage"));
const HomePage = lazy(() => import("./home/HomePage"));
const UnitTreePage = lazy(() => import("./org/UnitTreePage"));
const UsersPage = lazy(() => import("./org/UsersPage"));
const DelegationsPage = lazy(() => import("./org/DelegationsPage"));
const AuditLogPage = lazy(() => import("./audit/AuditLogPage"));
const CalendarPage = lazy(() => import("./calendar/CalendarPage"));
const CataloguePage = lazy(() => import("./catalogue/CataloguePage"));
const ProcedureDetailPage = lazy(() => import("./catalogue/ProcedureDetailPage"));
const DesignerPage = lazy(() => import("./catalogue/DesignerPage"));

const ReceptionPage = lazy(() => import("./dossiers/ReceptionPage"));
const InboxPage = lazy(() => import("./dossiers/InboxPage"));
const DossierSearchPage = lazy(() => import("./dossiers/SearchPage"));
const DossierStatisticsPage = lazy(() => import("./dossiers/StatisticsPage"));
const DossierPage = lazy(() => import("./dossiers/DossierPage"));
const OnlineQueuePage = lazy(() => import("./dossiers/OnlineQueuePage"));
const TrackingPage = lazy(() => import("./portal/TrackingPage"));
const SubmitPage = lazy(() => import("./portal/SubmitPage"));
const MySubmissionsPage = lazy(() => import("./portal/MySubmissionsPage"));

const page = (node: ReactNode) => <Suspense fallback={<PageSpinner />}>{node}</Suspense>;

const router = createBrowserRouter([
  { path: "/login", element: page(<LoginPage />), errorElement: <RouteError /> },
  // Public: the QR code on the dossier's letters opens this without a session.
  { path: "/portal/tra-cuu", element: page(<TrackingPage />), errorElement: <RouteError /> },
  { path: "/portal/tra-cuu/:code", element: page(<TrackingPage />), errorElement: <RouteError /> },
  // The citizen's own pages (a citizen or business account).
  {
    path: "/portal/nop-ho-so",
    element: page(
      <RequireCitizen>
        <SubmitPage />
      </RequireCitizen>,
    ),
    errorElement: <RouteError />,
  },
  {
    path: "/portal/ho-so",
    element: page(
      <RequireCitizen>
        <MySubmissionsPage />
      </RequireCitizen>,
    ),
    errorElement: <RouteError />,
  },
  {
    path: "/",
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteError />,
    children: [
      {
        // A screen that fails to load or render shows its error inside the shell, menu still usable.
        errorElement: <RouteError />,
        children: [
          { index: true, element: page(<HomePage />) },
          {
            path: "units",
            element: page(
              <RequirePermission permission="org.unit.read">
                <UnitTreePage />
              </RequirePermission>,
            ),
          },
          {
            path: "users",
            element: page(
              <RequirePermission permission="org.user.read">
                <UsersPage />
              </RequirePermission>,
            ),
          },
          { path: "delegations", element: page(<DelegationsPage />) },
          { path: "calendar", element: page(<CalendarPage />) },
          {
            path: "audit",
            element: page(
              <RequirePermission permission="audit.read">
                <AuditLogPage />
              </RequirePermission>,
            ),
          },
          {
            path: "catalogue",
            element: page(
              <RequirePermission permission="catalogue.read">
                <CataloguePage />
              </RequirePermission>,
            ),
          },
          {
            path: "catalogue/procedures/:id",
            element: page(
              <RequirePermission permission="catalogue.read">
                <ProcedureDetailPage />
              </RequirePermission>,
            ),
          },
          {
            path: "catalogue/processes/:id",
            element: page(
              <RequirePermission permission="catalogue.read">
                <DesignerPage />
              </RequirePermission>,
            ),
          },
          {
            path: "dossiers/receive",
            element: page(
              <RequirePermission permission="dossier.receive">
                <ReceptionPage />
              </RequirePermission>,
            ),
          },
          {
            path: "dossiers/online",
            element: page(
              <RequirePermission permission="dossier.receive">
                <OnlineQueuePage />
              </RequirePermission>,
            ),
          },
          {
            path: "dossiers/inbox",
            element: page(
              <RequirePermission permission="dossier.process">
                <InboxPage />
              </RequirePermission>,
            ),
          },
          {
            path: "dossiers/search",
            element: page(
              <RequirePermission permission="dossier.read">
                <DossierSearchPage />
              </RequirePermission>,
            ),
          },
          {
            path: "dossiers/statistics",
            element: page(
              <RequirePermission permission="dossier.stats">
                <DossierStatisticsPage />
              </RequirePermission>,
            ),
          },
          {
            path: "dossiers/:id",
            element: page(
              <RequirePermission permission="dossier.read">
                <DossierPage />
              </RequirePermission>,
            ),
          },
          { path: "*", element: <NotFound /> },
        ],
      },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
