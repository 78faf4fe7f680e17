import {
  ActionIcon,
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Divider,
  Group,
  Kbd,
  Menu,
  Modal,
  NavLink,
  ScrollArea,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
  useMantineColorScheme,
} from "@mantine/core";
import { getHotkeyHandler, useDisclosure, useOs } from "@mantine/hooks";
import { Form, Link, useLocation, useNavigate, useSubmit } from "@remix-run/react";
import {
  IconAdjustments,
  IconApi,
  IconArrowsExchange,
  IconReceipt,
  IconRocket,
  IconSearch,
  IconUserSearch,
  IconBuilding,
  IconBuildingBank,
  IconKey,
  IconListDetails,
  IconPalette,
  IconTimelineEvent,
  IconLogs,
  IconWebhook,
  IconPlugConnected,
  IconCheck,
  IconChevronDown,
  IconFolders,
  IconHome,
  IconLogout,
  IconMoon,
  IconPlus,
  IconSettings,
  IconSun,
  IconUser,
  IconUsers,
} from "@tabler/icons-react";
import { useEffect, type ReactNode } from "react";
import type { Role } from "~/lib/roles";
import { ROLE_LABELS } from "~/lib/roles";
import { TEST_MODE_BADGE_COLOR, TEST_MODE_COLOR } from "~/theme";
import { BrandMark } from "./brand";

export interface ShellData {
  user: { id: string; name: string; email: string };
  organization: { organizationId: string; name: string; role: Role };
  memberships: { organizationId: string; name: string; role: Role }[];
  projects: { id: string; name: string }[];
  currentProject: { id: string; name: string } | null;
  mode: "test" | "live";
  /** What the role may open; the routes check again on the server. */
  can: { apiKeys: boolean; team: boolean; organization: boolean; audit: boolean; data: boolean; requestLog: boolean };
}

interface NavItem {
  label: string;
  to: string;
  icon: typeof IconHome;
  exact?: boolean;
  show?: boolean;
}

function projectNav(base: string, can: ShellData["can"]): NavItem[] {
  return [
    { label: "Overview", to: base, icon: IconHome, exact: true },
    { label: "Sessions", to: `${base}/sessions`, icon: IconArrowsExchange, show: can.data },
    { label: "Orders", to: `${base}/orders`, icon: IconReceipt, show: can.data },
    { label: "Customers", to: `${base}/customers`, icon: IconUserSearch, show: can.data },
    { label: "API keys", to: `${base}/keys`, icon: IconKey, show: can.apiKeys },
    { label: "Gateways", to: `${base}/gateways`, icon: IconPlugConnected },
    { label: "Webhooks", to: `${base}/webhooks`, icon: IconWebhook },
    { label: "Events", to: `${base}/events`, icon: IconTimelineEvent },
    { label: "Logs", to: `${base}/logs`, icon: IconLogs, show: can.requestLog },
    { label: "Branding", to: `${base}/branding`, icon: IconPalette },
    { label: "Project settings", to: `${base}/settings`, icon: IconAdjustments },
    { label: "Go live", to: `${base}/go-live`, icon: IconRocket },
  ];
}

/** The organization's pages: in the sidebar (collapsed into one group inside a project) and in the organization menu. */
function organizationNav(can: ShellData["can"]): NavItem[] {
  return [
    { label: "Projects", to: "/projects", icon: IconFolders, exact: true },
    { label: "Gateway catalogue", to: "/gateways", icon: IconBuildingBank },
    { label: "API reference", to: "/docs/api", icon: IconApi },
    { label: "Team", to: "/settings/team", icon: IconUsers, show: can.team },
    { label: "Audit log", to: "/settings/audit", icon: IconListDetails, show: can.audit },
    { label: "Organization settings", to: "/settings/organization", icon: IconSettings, show: can.organization },
    { label: "Your account", to: "/settings/account", icon: IconUser },
  ];
}

/** The organization menu's links: the organization's own settings, reachable from any page. */
const ORGANIZATION_MENU = new Set(["/settings/team", "/settings/audit", "/settings/organization"]);

/** Path of the same page in the other mode, or the project's overview. */
function pathForMode(pathname: string, projectId: string, mode: "test" | "live") {
  const match = pathname.match(/^\/projects\/([^/]+)\/(test|live)(\/.*)?$/);
  if (match && match[1] === projectId) return `/projects/${projectId}/${mode}${match[3] ?? ""}`;
  return `/projects/${projectId}/${mode}`;
}

function OrganizationSwitcher({ data }: { data: ShellData }) {
  const submit = useSubmit();
  return (
    <Menu position="bottom-start" width={260} withinPortal>
      <Menu.Target>
        {/* Named by what it shows (organization and role); Menu.Target marks it as opening a menu. */}
        <UnstyledButton data-testid="org-switcher" style={{ width: "100%" }}>
          <Group gap="xs" wrap="nowrap" px="xs" py={6} style={{ borderRadius: 8 }}>
            <Avatar size={28} radius="sm" color="indigo.8" variant="filled" aria-hidden>
              {data.organization.name.slice(0, 1).toUpperCase()}
            </Avatar>
            <Box style={{ flex: 1, minWidth: 0 }}>
              <Text size="sm" fw={600} truncate>
                {data.organization.name}
              </Text>
              <Text size="xs" c="dimmed">
                {ROLE_LABELS[data.organization.role]}
              </Text>
            </Box>
            <IconChevronDown size={16} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        {organizationNav(data.can)
          .filter((item) => item.show !== false && ORGANIZATION_MENU.has(item.to))
          .map((item) => (
            <Menu.Item key={item.to} component={Link} to={item.to} leftSection={<item.icon size={16} />}>
              {item.label}
            </Menu.Item>
          ))}
        <Menu.Divider />
        <Menu.Label>Organizations</Menu.Label>
        {data.memberships.map((m) => (
          <Menu.Item
            key={m.organizationId}
            leftSection={<IconBuilding size={16} />}
            rightSection={m.organizationId === data.organization.organizationId ? <IconCheck size={14} /> : null}
            onClick={() => submit({ intent: "switch", organizationId: m.organizationId }, { method: "post", action: "/organizations/switch" })}
          >
            {m.name}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item component={Link} to="/onboarding" leftSection={<IconPlus size={16} />}>
          New organization
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/**
 * The project's search (Ctrl/Cmd+K from anywhere in the project): submits to the search
 * page, which jumps straight to the object when exactly one matches.
 */
function GlobalSearch({ base }: { base: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  const os = useOs();
  useSearchShortcut(open);
  const shortcut = os === "macos" ? "⌘K" : "Ctrl K";
  return (
    <>
      <UnstyledButton
        onClick={open}
        title="Search sessions, orders and customers"
        data-testid="global-search"
        px="sm"
        h={34}
        style={{ border: "1px solid var(--mantine-color-default-border)", borderRadius: 8, display: "flex", alignItems: "center", gap: 8 }}
      >
        <IconSearch size={16} />
        <Text size="sm" visibleFrom="md">
          Search
        </Text>
        {/* Named by its visible text on wide screens; by this on narrow ones, where only the icon shows. */}
        <VisuallyHidden hiddenFrom="md">Search</VisuallyHidden>
        <Kbd size="xs" visibleFrom="md" suppressHydrationWarning>
          {shortcut}
        </Kbd>
      </UnstyledButton>
      <Modal opened={opened} onClose={close} title="Search this project" size="lg" yOffset="10vh">
        <Form method="get" action={`${base}/search`} role="search" onSubmit={close}>
          <TextInput
            name="q"
            data-autofocus
            aria-label="Search"
            placeholder="sess_…, ord_…, cust_…, txn_…, evt_…, email, wallet, tx hash, orderRef=42"
            leftSection={<IconSearch size={16} />}
            maxLength={200}
          />
          <Text size="xs" c="dimmed" mt="xs">
            Press Enter. One match opens directly.
          </Text>
        </Form>
      </Modal>
    </>
  );
}

/**
 * Ctrl/Cmd+K opens the search, also while typing in a field (the shortcut is explicit enough not to clash). Listened
 * for on `document` rather than on <html> (Mantine's useHotkeys): React replaces the <html> element when the root
 * error page takes over, and the old listener's removal then read a missing element and threw.
 */
function useSearchShortcut(open: () => void) {
  useEffect(() => {
    const onKeyDown = getHotkeyHandler([["mod+K", open]]);
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [open]);
}

function ColorSchemeToggle() {
  const { toggleColorScheme } = useMantineColorScheme();
  // Both icons are rendered and hidden by CSS, so server and client markup match.
  return (
    <Tooltip label="Light / dark">
      <ActionIcon variant="default" size="lg" aria-label="Toggle color scheme" onClick={toggleColorScheme}>
        <Box component="span" darkHidden style={{ lineHeight: 0 }}>
          <IconSun size={18} stroke={1.6} />
        </Box>
        <Box component="span" lightHidden style={{ lineHeight: 0 }}>
          <IconMoon size={18} stroke={1.6} />
        </Box>
      </ActionIcon>
    </Tooltip>
  );
}

function UserMenu({ user }: { user: ShellData["user"] }) {
  const submit = useSubmit();
  const initials = user.name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        {/* The name starts with the visible initials (axe: label-content-name-mismatch). */}
        <UnstyledButton aria-label={`${initials} account menu`} data-testid="user-menu">
          <Avatar radius="xl" size={34} color="indigo.8" variant="filled">
            {initials}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py={6}>
          <Text size="sm" fw={600} truncate>
            {user.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {user.email}
          </Text>
        </Box>
        <Menu.Divider />
        <Menu.Item component={Link} to="/settings/account" leftSection={<IconUser size={16} />}>
          Account settings
        </Menu.Item>
        {/* Submitted from the click, not by a form in the menu: the menu closes on the click, and with no transition
            (reduced motion) a form inside it is gone before the browser would submit it. */}
        <Menu.Item onClick={() => submit(null, { method: "post", action: "/logout" })} leftSection={<IconLogout size={16} />} color="red">
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

/** The test/live switch: labelled "Test mode" on one line; it keeps the page, changing the mode. */
function ModeSwitch({ data, testId, onSwitched }: { data: ShellData; testId?: string; onSwitched?: () => void }) {
  const location = useLocation();
  const navigate = useNavigate();
  const targetProject = data.currentProject ?? data.projects[0] ?? null;
  return (
    <Switch
      data-testid={testId}
      color={TEST_MODE_COLOR}
      checked={data.mode === "test"}
      disabled={!targetProject}
      label="Test mode"
      styles={{ label: { whiteSpace: "nowrap" }, track: { cursor: "pointer" } }}
      onChange={(event) => {
        if (!targetProject) return;
        const mode = event.currentTarget.checked ? "test" : "live";
        onSwitched?.();
        navigate(pathForMode(location.pathname, targetProject.id, mode));
      }}
    />
  );
}

export function ConsoleShell({ data, children }: { data: ShellData; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  // Mode only means something inside a project; org pages show no test-mode chrome.
  const testMode = data.mode === "test" && data.currentProject !== null;
  const isActive = (to: string, exact = false) => (exact ? location.pathname === to : location.pathname === to || location.pathname.startsWith(`${to}/`));

  const projectBase = data.currentProject ? `/projects/${data.currentProject.id}/${data.mode}` : null;
  const renderNav = (items: NavItem[]) =>
    items
      .filter((item) => item.show !== false)
      .map((item) => (
        <NavLink
          key={item.to}
          component={Link}
          to={item.to}
          label={item.label}
          leftSection={<item.icon size={18} />}
          active={isActive(item.to, item.exact)}
          onClick={close}
          py={6}
        />
      ));
  const orgItems = organizationNav(data.can);
  const onOrgPage = orgItems.some((item) => item.show !== false && isActive(item.to, item.exact));

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="lg"
      styles={{
        // The one test-mode signal: an orange bar across the top, and the badge beside the logo.
        header: testMode ? { borderTop: `4px solid var(--mantine-color-${TEST_MODE_COLOR}-6)` } : undefined,
      }}
    >
      <AppShell.Header data-testid={testMode ? "test-mode-bar" : undefined}>
        <Group h="100%" px={{ base: "xs", sm: "md" }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Link to="/" style={{ textDecoration: "none", color: "inherit" }} aria-label="Ramp home">
              <BrandMark />
            </Link>
            {testMode ? (
              <Badge color={TEST_MODE_BADGE_COLOR} variant="filled" data-testid="test-mode-badge" style={{ flexShrink: 0 }} miw="max-content">
                Test mode
              </Badge>
            ) : null}
          </Group>
          <Group gap="xs" wrap="nowrap">
            {projectBase && data.can.data ? <GlobalSearch base={projectBase} /> : null}
            <Box visibleFrom="sm">
              <ModeSwitch data={data} testId="mode-switch" />
            </Box>
            <ColorSchemeToggle />
            <UserMenu user={data.user} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <AppShell.Section>
          <OrganizationSwitcher data={data} />
          <Select
            mt="sm"
            data-testid="project-switcher"
            aria-label="Project"
            placeholder={data.projects.length ? "Choose a project" : "No projects yet"}
            data={data.projects.map((p) => ({ value: p.id, label: p.name }))}
            value={data.currentProject?.id ?? null}
            onChange={(projectId) => {
              if (projectId) {
                close();
                navigate(`/projects/${projectId}/${data.mode}`);
              }
            }}
            leftSection={<IconFolders size={16} />}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          {/* On a phone the switch lives here, where its label has room. */}
          <Box hiddenFrom="sm" mt="sm" px="xs">
            <ModeSwitch data={data} onSwitched={close} />
          </Box>
        </AppShell.Section>
        {/* type="auto": when the list does not fit, its scrollbar shows rather than hides on hover. */}
        <AppShell.Section grow component={ScrollArea} type="auto" mt="md">
          <Stack gap={0}>
            {projectBase ? (
              <>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4} truncate title={data.currentProject!.name}>
                  {data.currentProject!.name}
                </Text>
                {renderNav(projectNav(projectBase, data.can))}
                <Divider my="xs" />
                {/* Inside a project the organization's pages fold into one group (also in the organization menu). */}
                <NavLink
                  component="button"
                  label="Organization"
                  leftSection={<IconBuilding size={18} />}
                  defaultOpened={onOrgPage}
                  py={6}
                  data-testid="organization-nav"
                >
                  {renderNav(orgItems)}
                </NavLink>
              </>
            ) : (
              <>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
                  Organization
                </Text>
                {renderNav(orgItems)}
              </>
            )}
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
